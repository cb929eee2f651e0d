package de.industriedialog.newsletter.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.newsletter.subscriber.Consent;
import de.industriedialog.newsletter.subscriber.ConsentText;
import de.industriedialog.newsletter.subscriber.Subscriber;
import de.industriedialog.newsletter.subscriber.SubscriberStore;
import de.industriedialog.newsletter.subscriber.Subscriptions;
import de.industriedialog.platform.privacy.PersonalData;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A person's Infobrief subscription (docs/adr/0015): address, name, audiences and Länder,
 * status and the whole consent history. Erasure ends a confirmed subscription as an
 * unsubscription (so the KPIs count one subscriber less), deletes the subscriber and
 * keeps only the subject key on the suppression list ({@link Subscriptions#erase}).
 * Tokens and their hashes are not exported: they are keys, not data about the person.
 */
@Component
@Order(1)
class SubscriberPersonalData implements PersonalData {

	private final SubscriberStore store;

	private final Subscriptions subscriptions;

	private final ConsentText consentText;

	SubscriberPersonalData(SubscriberStore store, Subscriptions subscriptions, ConsentText consentText) {
		this.store = store;
		this.subscriptions = subscriptions;
		this.consentText = consentText;
	}

	@Override
	public String name() {
		return "subscribers";
	}

	@Override
	public String title() {
		return "Infobrief-Abonnement";
	}

	@Override
	public int count(String subjectKey) {
		return this.store.countOfSubject(subjectKey);
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.store.ofSubject(subjectKey).stream().map((subscriber) -> export(subscriber, subjectKey)).toList();
	}

	private Map<String, Object> export(Subscriber subscriber, String subjectKey) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("subscriberId", subscriber.id());
		record.put("email", subscriber.email());
		record.put("name", subscriber.name());
		record.put("status", subscriber.status().name());
		record.put("audiences", subscriber.audiences().stream().map(SubscriberPersonalData::audience).toList());
		// Empty: all of Germany (bundesweit).
		record.put("states",
				subscriber.states()
					.stream()
					.map((code) -> Bundesland.ofCode(code).map(Bundesland::germanName).orElse(code))
					.toList());
		record.put("confirmedAt", subscriber.confirmedAt());
		record.put("unsubscribedAt", subscriber.unsubscribedAt());
		record.put("confirmationMailsSent", subscriber.confirmationMailsSent());
		record.put("lastConfirmationMailAt", subscriber.lastConfirmationMailAt());
		record.put("confirmationLinkValidUntil", subscriber.confirmationExpiresAt());
		record.put("consents", consents(subscriber.consents()));
		record.put("suppression", this.store.suppressionOf(subjectKey).map((entry) -> suppression(entry)).orElse(null));
		return record;
	}

	private static String audience(String code) {
		try {
			return Audience.valueOf(code).label();
		}
		catch (IllegalArgumentException unknown) {
			return code;
		}
	}

	/** With the consent text itself where the version is the one the form shows. */
	private List<Map<String, Object>> consents(List<Consent> consents) {
		List<Map<String, Object>> history = new ArrayList<>();
		for (Consent consent : consents) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("action", consent.action());
			entry.put("at", consent.at());
			entry.put("textVersion", consent.textVersion());
			entry.put("text",
					(consent.textVersion() != null && consent.textVersion().equals(this.consentText.version()))
							? this.consentText.text() : null);
			entry.put("source", consent.source());
			entry.put("channel", consent.channel());
			history.add(entry);
		}
		return history;
	}

	/** Why the address is not mailed (unsubscribed, bounced), without the key. */
	private static Map<String, Object> suppression(org.bson.Document entry) {
		Map<String, Object> suppression = new LinkedHashMap<>();
		suppression.put("reason", entry.getString("reason"));
		java.util.Date at = entry.getDate("at");
		suppression.put("at", (at != null) ? at.toInstant() : null);
		suppression.put("detail", entry.getString("detail"));
		return suppression;
	}

	@Override
	public int erase(String subjectKey) {
		int erased = 0;
		for (Subscriber subscriber : this.store.ofSubject(subjectKey)) {
			if (this.subscriptions.erase(subscriber)) {
				erased++;
			}
		}
		return erased;
	}

}
