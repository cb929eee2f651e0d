package de.industriedialog.gateway.invitation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.platform.privacy.PersonalData;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The invitations sent to a person (docs/adr/0015); erasure deletes them. */
@Component
class InvitationPersonalData implements PersonalData {

	private static final String INVITATIONS = "invitations";

	private final MongoTemplate mongo;

	InvitationPersonalData(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String name() {
		return "invitations";
	}

	@Override
	public String title() {
		return "Einladungen der Geschäftsstelle";
	}

	@Override
	public int count(String subjectKey) {
		return (int) this.mongo.count(bySubject(subjectKey), INVITATIONS);
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.mongo.find(bySubject(subjectKey), Document.class, INVITATIONS).stream().map((invitation) -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("email", invitation.getString("email"));
			record.put("initiativeId", invitation.getString("initiativeId"));
			record.put("createdAt", invitation.getDate("createdAt"));
			record.put("expiresAt", invitation.getDate("expiresAt"));
			record.put("usedAt", invitation.getDate("usedAt"));
			// Not who invited: that is a staff member's data, not the person's.
			return record;
		}).toList();
	}

	@Override
	public int erase(String subjectKey) {
		return (int) this.mongo.remove(bySubject(subjectKey), INVITATIONS).getDeletedCount();
	}

	private static Query bySubject(String subjectKey) {
		return Query.query(Criteria.where("subjectKey").is(subjectKey));
	}

}
