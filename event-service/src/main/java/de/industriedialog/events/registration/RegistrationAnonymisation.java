package de.industriedialog.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import de.industriedialog.platform.mail.MailQueue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Turns a registration into an anonymous seat of its group: the one operation behind
 * retention (registrations of events long past) and erasure on request (GDPR Art. 17).
 * What the person entered goes, and with it every copy of the address in this service's
 * store (the mail queue); what the figures are made of stays (event, group, status, seat,
 * check-in), so the door list, the seat ledger and the KPI figures do not move. Nothing
 * is published: evaluation-service holds no personal data of the registration, and a
 * record would only repeat its state.
 *
 * <p>
 * Idempotent: an anonymised registration is skipped, and running it twice, or on two
 * replicas at once, changes nothing more.
 */
@Service
public class RegistrationAnonymisation {

	/** A registration changed by a participant or organiser meanwhile is read again. */
	private static final int ATTEMPTS = 5;

	private final RegistrationStore store;

	private final ObjectProvider<MailQueue> mailQueue;

	private final Clock clock;

	RegistrationAnonymisation(RegistrationStore store, ObjectProvider<MailQueue> mailQueue, Clock clock) {
		this.store = store;
		this.mailQueue = mailQueue;
		this.clock = clock;
	}

	/**
	 * Anonymises one registration.
	 * @return {@code true} if it was anonymised now, {@code false} if it was already (or
	 * does not exist)
	 */
	public boolean anonymise(String registrationId) {
		return this.store.find(registrationId)
			.map((registration) -> anonymise(List.of(registration)) == 1)
			.orElse(false);
	}

	/**
	 * Anonymises at most {@code limit} registrations of these events that still hold
	 * personal data.
	 * @return how many were anonymised now; 0 once none is left
	 */
	public int anonymiseNextOf(Collection<String> eventIds, int limit) {
		if (eventIds.isEmpty()) {
			return 0;
		}
		return anonymise(this.store.notAnonymisedOf(eventIds, limit));
	}

	private int anonymise(List<Registration> registrations) {
		List<String> ids = registrations.stream().map(Registration::id).toList();
		// Before the registrations: if this stops halfway, the next run finds the
		// registrations again and deletes what is left of their mails.
		forgetMails(ids);
		Instant now = this.clock.instant();
		int anonymised = 0;
		for (Registration registration : registrations) {
			if (anonymise(registration, now)) {
				anonymised++;
			}
		}
		// And after: a mail a consumer queued from a copy it read before the write.
		forgetMails(ids);
		return anonymised;
	}

	private boolean anonymise(Registration registration, Instant now) {
		Registration current = registration;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			if (current.anonymised()) {
				return false;
			}
			if (this.store.anonymise(current, now).isPresent()) {
				return true;
			}
			Optional<Registration> reread = this.store.find(current.id());
			if (reread.isEmpty()) {
				return false;
			}
			current = reread.get();
		}
		throw new IllegalStateException(
				"Registration " + registration.id() + " kept changing; not anonymised in " + ATTEMPTS + " attempts");
	}

	private void forgetMails(List<String> registrationIds) {
		this.mailQueue.ifAvailable((queue) -> queue.deleteByReferences(registrationIds));
	}

}
