package de.industriedialog.evaluation.feedback;

import de.industriedialog.evaluation.support.Sha256;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * At most one response per device and event through the shared link. The claim's id is
 * the SHA-256 of event and device id, so the unique {@code _id} decides races, and it
 * lives apart from the response and without a time, so it cannot be joined to one (its
 * copy of the response lasts only until the response is stored, see
 * {@link UnfinishedResponses}).
 */
@Component
class DeviceClaims {

	static final String COLLECTION = "feedback_devices";

	private final MongoTemplate mongo;

	DeviceClaims(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	boolean claimed(String eventId, String deviceId) {
		return this.mongo.findById(id(eventId, deviceId), DeviceClaim.class) != null;
	}

	/**
	 * Claims the device and keeps the response beside the claim until it is stored
	 * ({@link UnfinishedResponses}).
	 * @param response the response to be stored
	 * @return whether this call claimed the device; {@code false} if it answered before
	 */
	boolean claim(String eventId, String deviceId, org.bson.Document response) {
		try {
			this.mongo.insert(new org.bson.Document("_id", id(eventId, deviceId)).append("eventId", eventId)
				.append(UnfinishedResponses.FIELD, response), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The claim's id: the device's right to answer for the event. */
	static String id(String eventId, String deviceId) {
		return Sha256.hex(eventId + "\n" + deviceId);
	}

	@Document(COLLECTION)
	record DeviceClaim(@Id String id, String eventId) {

	}

}
