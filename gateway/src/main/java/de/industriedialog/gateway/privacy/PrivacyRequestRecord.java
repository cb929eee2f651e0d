package de.industriedialog.gateway.privacy;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import de.industriedialog.platform.privacy.PrivacyRequestKind;
import org.bson.Document;

/**
 * A privacy request as the gateway keeps it in {@code privacy_requests}: no address, only
 * its subject key; the link's token only as its SHA-256.
 *
 * @param requestedBy the staff member who entered a request received by letter, or
 * {@code null} when the person asked on the page
 * @param verifiedBy {@code link} when the person opened the mailed link, else the staff
 * member who checked the identity by letter; {@code null} while unverified
 * @param staffDownloadedAt when staff downloaded the export of a request by letter (once)
 * @param answers the answers known so far, by service
 */
record PrivacyRequestRecord(String id, PrivacyRequestKind kind, String subjectKey, Instant createdAt, Instant expiresAt,
		String requestedBy, Instant verifiedAt, String verifiedBy, Instant staffDownloadedAt,
		Map<String, Answer> answers) {

	static final String VERIFIED_BY_LINK = "link";

	boolean verified() {
		return this.verifiedAt != null;
	}

	boolean expired(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

	static PrivacyRequestRecord from(Document document) {
		Map<String, Answer> answers = new LinkedHashMap<>();
		Document stored = document.get("answers", Document.class);
		if (stored != null) {
			stored.forEach((service, value) -> answers.put(service, Answer.from((Document) value)));
		}
		return new PrivacyRequestRecord(document.getString("_id"),
				PrivacyRequestKind.valueOf(document.getString("kind")), document.getString("subjectKey"),
				instant(document, "createdAt"), instant(document, "expiresAt"), document.getString("requestedBy"),
				instant(document, "verifiedAt"), document.getString("verifiedBy"),
				instant(document, "staffDownloadedAt"), answers);
	}

	private static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	/** A service's answer: {@code DONE} or {@code NOTHING_FOUND}, counts per kind. */
	record Answer(String status, Map<String, Integer> records, Instant at) {

		Document toDocument() {
			return new Document("status", this.status).append("records", new Document(this.records))
				.append("at", Date.from(this.at));
		}

		static Answer from(Document document) {
			Map<String, Integer> records = new LinkedHashMap<>();
			Document stored = document.get("records", Document.class);
			if (stored != null) {
				stored.forEach((name, count) -> records.put(name, ((Number) count).intValue()));
			}
			return new Answer(document.getString("status"), records, document.getDate("at").toInstant());
		}

	}

}
