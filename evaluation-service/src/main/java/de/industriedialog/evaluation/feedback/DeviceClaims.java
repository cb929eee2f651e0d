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
 * lives apart from the response and without a time, so it cannot be joined to one.
 */
@Component
class DeviceClaims {

	private final MongoTemplate mongo;

	DeviceClaims(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	boolean claimed(String eventId, String deviceId) {
		return this.mongo.findById(id(eventId, deviceId), DeviceClaim.class) != null;
	}

	/**
	 * @return whether this call claimed the device; {@code false} if it answered before
	 */
	boolean claim(String eventId, String deviceId) {
		try {
			this.mongo.insert(new DeviceClaim(id(eventId, deviceId), eventId));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private static String id(String eventId, String deviceId) {
		return Sha256.hex(eventId + "\n" + deviceId);
	}

	@Document(DeviceClaim.COLLECTION)
	record DeviceClaim(@Id String id, String eventId) {

		static final String COLLECTION = "feedback_devices";

	}

}
