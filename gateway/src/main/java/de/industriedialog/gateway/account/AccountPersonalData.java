package de.industriedialog.gateway.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.platform.privacy.PersonalData;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A person's account with its sessions (docs/adr/0015). Erasure deletes the account and
 * logs it out everywhere; an initiative account's Steckbrief stays in the registry, which
 * erases only its own copy of the contact. The blocking store client, as the platform
 * calls every part from a worker thread.
 */
@Component
class AccountPersonalData implements PersonalData {

	private static final String ACCOUNTS = "accounts";

	private final MongoTemplate mongo;

	AccountPersonalData(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String name() {
		return "accounts";
	}

	@Override
	public String title() {
		return "Konto für die Anmeldung";
	}

	@Override
	public int count(String subjectKey) {
		return (int) this.mongo.count(bySubject(subjectKey), ACCOUNTS);
	}

	@Override
	public List<?> export(String subjectKey) {
		return accounts(subjectKey).stream().map((account) -> {
			String email = account.getString("_id");
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("email", email);
			record.put("roles", account.getList("roles", String.class));
			record.put("initiativeId", account.getString("initiativeId"));
			record.put("createdAt", account.getDate("createdAt"));
			// Only whether somebody ever logged in; the password hash is not data about
			// the person a copy would help with, and stays out.
			record.put("neverLoggedIn", account.get("unusedSince") != null);
			record.put("sessions", this.mongo
				.find(Query.query(Criteria.where("principal").is(email)), Document.class, SessionStore.COLLECTION)
				.stream()
				.map((session) -> java.util.Collections.singletonMap("validUntil", session.get("expireAt")))
				.toList());
			return record;
		}).toList();
	}

	@Override
	public int erase(String subjectKey) {
		int erased = 0;
		for (Document account : accounts(subjectKey)) {
			String email = account.getString("_id");
			erased += (int) this.mongo
				.remove(Query.query(Criteria.where("principal").is(email)), SessionStore.COLLECTION)
				.getDeletedCount();
			// A staff member's address on the invitations they sent goes too; the
			// invitation stays for the person invited.
			this.mongo.updateMulti(Query.query(Criteria.where("invitedBy").is(email)),
					new Update().set("invitedBy", null), "invitations");
			erased += (int) this.mongo.remove(Query.query(Criteria.where("_id").is(email)), ACCOUNTS).getDeletedCount();
		}
		return erased;
	}

	private List<Document> accounts(String subjectKey) {
		return this.mongo.find(bySubject(subjectKey), Document.class, ACCOUNTS);
	}

	private static Query bySubject(String subjectKey) {
		return Query.query(Criteria.where("subjectKey").is(subjectKey));
	}

}
