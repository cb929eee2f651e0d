package de.industriedialog.newsletter.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;

/**
 * Seeds the {@code subscribers} and {@code suppressions} collections as the spec defines
 * them.
 */
public final class TestSubscribers {

	private TestSubscribers() {
	}

	public static Document subscriber(String id, String email, String status, List<String> audiences,
			List<String> states) {
		return new Document("_id", id).append("email", email)
			.append("emailKey", email.toLowerCase(Locale.ROOT))
			.append("name", "Person " + id)
			.append("audiences", audiences)
			.append("states", states)
			.append("status", status)
			.append("version", 1L)
			.append("outbox", new ArrayList<>());
	}

	public static void insert(MongoDatabase database, List<Document> subscribers) {
		MongoCollection<Document> collection = database.getCollection("subscribers");
		collection.insertMany(subscribers);
	}

	/** A suppression entry: keyed by the subject key of the address (docs/adr/0015). */
	public static void suppress(MongoDatabase database, SubjectKeys subjectKeys, String email, String reason) {
		database.getCollection("suppressions")
			.insertOne(new Document("_id", subjectKeys.of(email)).append("reason", reason)
				.append("at", new java.util.Date()));
	}

}
