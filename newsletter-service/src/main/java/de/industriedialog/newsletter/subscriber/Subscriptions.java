package de.industriedialog.newsletter.subscriber;

import de.industriedialog.platform.mail.MailQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Double opt-in, preferences and unsubscribing. Nothing here tells a stranger whether an
 * address is subscribed: a valid subscription request always gets the same answer, and
 * only the owner of the mailbox learns more, through the link in a mail.
 */
@Service
public class Subscriptions {

	private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

	/** Rounds of re-reading when a concurrent change won; each round re-decides. */
	private static final int ATTEMPTS = 5;

	private final SubscriberStore store;

	private final SubscriberMessages messages;

	private final SubscriberTokens tokens;

	private final ConfirmationMail confirmationMail;

	private final MailQueue mailQueue;

	private final ConsentText consentText;

	private final NewsletterProperties properties;

	private final Clock clock;

	Subscriptions(SubscriberStore store, SubscriberMessages messages, SubscriberTokens tokens,
			ConfirmationMail confirmationMail, MailQueue mailQueue, ConsentText consentText,
			NewsletterProperties properties, Clock clock) {
		this.store = store;
		this.messages = messages;
		this.tokens = tokens;
		this.confirmationMail = confirmationMail;
		this.mailQueue = mailQueue;
		this.consentText = consentText;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Asks for the Infobrief. A new or pending address gets a confirmation mail (at most
	 * one per resend interval and a few in total); a confirmed one nothing, and its
	 * preferences stay as they are; an unsubscribed one starts a new double opt-in.
	 * @return whether a confirmation mail went out (for tests and logs, never for the
	 * answer)
	 */
	public boolean subscribe(SubscriptionForm form) {
		var problems = form.problems(this.consentText.version());
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Bitte prüfe deine Angaben.", problems);
		}
		String emailKey = Subscriber.emailKey(form.email());
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Instant now = this.clock.instant();
			String token = ConfirmationTokens.newToken();
			String hash = ConfirmationTokens.sha256(token);
			Instant expiresAt = now.plus(this.properties.confirmationValidity());
			Optional<Subscriber> existing = this.store.findByEmailKey(emailKey);
			if (existing.isEmpty()) {
				try {
					Subscriber subscriber = this.store
						.insert(Subscriber.requested(UUID.randomUUID().toString(), form, hash, expiresAt, now));
					return sendConfirmation(subscriber, token, hash);
				}
				catch (DuplicateKeyException ex) {
					// The same address in another request at the same moment: that one
					// won and sends the mail; read it and decide again.
					continue;
				}
			}
			Subscriber subscriber = existing.get();
			switch (subscriber.status()) {
				case CONFIRMED -> {
					log.debug("Subscription request for confirmed subscriber {} ignored", subscriber.id());
					return false;
				}
				case PENDING -> {
					Optional<Subscriber> claimed = this.store.claimConfirmationMail(subscriber.id(), hash, expiresAt,
							now, now.minus(this.properties.confirmationResendInterval()),
							this.properties.confirmationMaxMails(),
							preferences(form).push("consents", request(form, now)));
					if (claimed.isEmpty()) {
						log.info("No new confirmation mail for pending subscriber {}: sent recently or too often",
								subscriber.id());
						return false;
					}
					return sendConfirmation(claimed.get(), token, hash);
				}
				case UNSUBSCRIBED -> {
					Update update = preferences(form).set("status", SubscriberStatus.PENDING)
						.set("confirmationTokenHash", hash)
						.set("confirmationExpiresAt", Date.from(expiresAt))
						.set("confirmationMailsSent", 1)
						.set("lastConfirmationMailAt", Date.from(now))
						.push("consents", request(form, now));
					Optional<Subscriber> pending = this.store.change(subscriber, update, null);
					if (pending.isPresent()) {
						return sendConfirmation(pending.get(), token, hash);
					}
				}
			}
		}
		// No address or key of it in the log (personal data).
		log.warn("Subscription request gave up after {} concurrent changes", ATTEMPTS);
		return false;
	}

	/**
	 * Confirms the double opt-in with the token from the mail. Using the link again
	 * changes nothing.
	 * @throws NotFoundException for an unknown (or replaced) token
	 * @throws ConfirmationExpiredException for a token past its validity
	 */
	public Confirmation confirm(String token) {
		NotFoundException unknown = new NotFoundException("Dieser Bestätigungslink ist uns nicht bekannt. Bitte nutze "
				+ "den Link aus der neuesten E-Mail vollständig oder melde dich noch einmal für den Infobrief an.");
		if (token == null || token.isBlank() || token.length() > 200) {
			throw unknown;
		}
		String hash = ConfirmationTokens.sha256(token.strip());
		Subscriber subscriber = this.store.findByConfirmationTokenHash(hash).orElseThrow(() -> unknown);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (subscriber.status() == SubscriberStatus.CONFIRMED) {
				return new Confirmation(subscriber, true, this.tokens.personalToken(subscriber.id()));
			}
			if (subscriber.status() == SubscriberStatus.UNSUBSCRIBED) {
				throw new ConflictException("Du hast dich inzwischen vom Infobrief abgemeldet. Wenn du ihn wieder "
						+ "bekommen möchtest, melde dich bitte noch einmal an.");
			}
			Instant now = this.clock.instant();
			if (subscriber.confirmationExpiresAt() == null || !now.isBefore(subscriber.confirmationExpiresAt())) {
				throw new ConfirmationExpiredException();
			}
			// Lifted first: a crash before the update leaves a pending subscriber, who is
			// never mailed anyway, and the link still works.
			this.store.liftSuppression(subscriber.emailKey());
			Consent request = subscriber.lastRequest();
			Update update = new Update().set("status", SubscriberStatus.CONFIRMED)
				.set("confirmedAt", Date.from(now))
				.unset("unsubscribedAt")
				.push("consents", new Consent(Consent.CONFIRMED, now, request.textVersion(), request.source(), null)
					.toDocument());
			Optional<Subscriber> confirmed = this.store.change(subscriber, update,
					this.messages.confirmed(subscriber, subscriber.version() + 1, now));
			if (confirmed.isPresent()) {
				log.info("Subscriber {} confirmed", subscriber.id());
				return new Confirmation(confirmed.get(), false, this.tokens.personalToken(subscriber.id()));
			}
			// Changed meanwhile (a new mail with a new token, a parallel click): again.
			subscriber = this.store.find(subscriber.id())
				.filter((s) -> hash.equals(s.confirmationTokenHash()))
				.orElseThrow(() -> unknown);
		}
		throw new ConflictException("Deine Anmeldung wird gerade geändert. Bitte versuche es gleich noch einmal.");
	}

	/** The subscriber of a personal link (preference page, unsubscribe). */
	public Subscriber byToken(String token) {
		return this.tokens.subscriberId(token)
			.flatMap(this.store::find)
			.orElseThrow(() -> new NotFoundException("Diesen Link kennen wir nicht. Bitte prüfe, ob du ihn "
					+ "vollständig aus der E-Mail übernommen hast."));
	}

	/**
	 * Changes name, audiences and Länder through the personal link; only while
	 * subscribed.
	 */
	public Subscriber changePreferences(String token, Preferences preferences) {
		var problems = preferences.problems();
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Bitte prüfe deine Angaben.", problems);
		}
		Subscriber subscriber = byToken(token);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (subscriber.status() == SubscriberStatus.PENDING) {
				throw new ConflictException("Bitte bestätige zuerst deine Anmeldung über den Link in der "
						+ "Bestätigungs-E-Mail; danach kannst du deine Auswahl ändern.");
			}
			if (subscriber.status() == SubscriberStatus.UNSUBSCRIBED) {
				throw new ConflictException("Du bist vom Infobrief abgemeldet. Wenn du ihn wieder bekommen möchtest, "
						+ "melde dich bitte noch einmal an.");
			}
			boolean selectionChanged = !new HashSet<>(subscriber.audiences())
				.equals(new HashSet<>(preferences.audiences()))
					|| !new HashSet<>(subscriber.states()).equals(new HashSet<>(preferences.states()));
			boolean nameChanged = !java.util.Objects.equals(subscriber.name(), preferences.name());
			if (!selectionChanged && !nameChanged) {
				return subscriber;
			}
			Instant now = this.clock.instant();
			Update update = new Update().set("name", preferences.name())
				.set("audiences", preferences.audiences())
				.set("states", preferences.states())
				.push("consents",
						new Consent(Consent.PREFERENCES_CHANGED, now, null, "preference-page", null).toDocument());
			Optional<Subscriber> changed = this.store.change(subscriber, update, selectionChanged
					? this.messages.preferencesChanged(subscriber, preferences, subscriber.version() + 1, now) : null);
			if (changed.isPresent()) {
				return changed.get();
			}
			subscriber = this.store.find(subscriber.id()).orElseThrow();
		}
		throw new ConflictException("Deine Auswahl wird gerade geändert. Bitte versuche es gleich noch einmal.");
	}

	/**
	 * Unsubscribes through the personal link. Unsubscribing twice is harmless.
	 * @param channel {@code ONE_CLICK} or {@code PREFERENCE_PAGE}
	 */
	public Subscriber unsubscribe(String token, UnsubscribeChannel channel) {
		if (channel != UnsubscribeChannel.ONE_CLICK && channel != UnsubscribeChannel.PREFERENCE_PAGE) {
			throw new InvalidInputException("Bitte prüfe deine Angaben.",
					List.of(new de.industriedialog.platform.web.GermanProblemDetails.FieldProblem("channel",
							"Erlaubt sind ONE_CLICK und PREFERENCE_PAGE.")));
		}
		return unsubscribe(byToken(token), channel);
	}

	/** Staff unsubscribe someone, e.g. after a request by phone or letter. */
	public Subscriber unsubscribeByStaff(CurrentUser user, String subscriberId) {
		user.requireStaff();
		Subscriber subscriber = this.store.find(subscriberId)
			.orElseThrow(() -> new NotFoundException("Diese Abonnentin / diesen Abonnenten gibt es nicht."));
		return unsubscribe(subscriber, UnsubscribeChannel.STAFF);
	}

	/**
	 * Erases a subscriber on the person's erasure request (docs/adr/0015): the subject
	 * key goes on the suppression list, so that the address is never mailed again by
	 * mistake (an import, a send prepared from an old read); a confirmed subscription
	 * ends as any unsubscription does, so {@code SubscriberUnsubscribed} tells the KPIs
	 * that there is one subscriber less (the sign-up they counted stays a sign-up); then
	 * the document goes with address, name and consent history. A pending subscription
	 * was never announced and is simply deleted. Erasing again finds nothing.
	 *
	 * <p>
	 * The event says channel {@code STAFF}: the contract knows no channel for a privacy
	 * request, and such a request is carried out by the campaign on the person's behalf,
	 * as staff do after a letter.
	 * @return whether this call deleted the subscriber
	 */
	public boolean erase(Subscriber subscriber) {
		Instant now = this.clock.instant();
		this.store.suppressSubject(subscriber.subjectKey(), "ERASURE", now);
		if (subscriber.status() == SubscriberStatus.CONFIRMED) {
			unsubscribe(subscriber, UnsubscribeChannel.STAFF);
		}
		boolean deleted = this.store.removeErased(subscriber.id(), now);
		if (deleted) {
			log.info("Subscriber {} erased on request", subscriber.id());
		}
		return deleted;
	}

	private Subscriber unsubscribe(Subscriber subscriber, UnsubscribeChannel channel) {
		// Suppressed first: whatever happens next, no Infobrief goes to the address.
		this.store.suppress(subscriber.emailKey(), "UNSUBSCRIBED", channel.name(), this.clock.instant());
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (subscriber.status() == SubscriberStatus.UNSUBSCRIBED) {
				return subscriber;
			}
			Instant now = this.clock.instant();
			Update update = new Update().set("status", SubscriberStatus.UNSUBSCRIBED)
				.set("unsubscribedAt", Date.from(now))
				.push("consents",
						new Consent(Consent.UNSUBSCRIBED, now, null, source(channel), channel.name()).toDocument());
			// A pending subscription was never announced, so its end is not either.
			Optional<Subscriber> changed = this.store
				.change(subscriber, update, (subscriber.status() == SubscriberStatus.CONFIRMED)
						? this.messages.unsubscribed(subscriber, "UNSUBSCRIBED", channel, subscriber.version() + 1, now)
						: null);
			if (changed.isPresent()) {
				log.info("Subscriber {} unsubscribed ({})", subscriber.id(), channel);
				return changed.get();
			}
			subscriber = this.store.find(subscriber.id()).orElseThrow();
		}
		throw new ConflictException("Die Abmeldung wird gerade bearbeitet. Bitte versuche es gleich noch einmal.");
	}

	/**
	 * Queues the confirmation mail; the mail queue sends it, waiting out a mail server
	 * that is away. Only if even the queue cannot take it (the store is away) is the
	 * claimed mail given back, so the person can simply ask again.
	 */
	private boolean sendConfirmation(Subscriber subscriber, String token, String hash) {
		try {
			this.mailQueue.enqueue(this.confirmationMail.compose(subscriber, token, hash));
			log.info("Confirmation mail queued for subscriber {}", subscriber.id());
			return true;
		}
		catch (RuntimeException ex) {
			// The request still succeeds (no hint whether the address exists). Only the
			// kind of failure: composing the mail may fail with the address in the
			// message.
			log.warn("Confirmation mail to subscriber {} not queued: {}", subscriber.id(), ex.getClass().getName());
			try {
				this.store.releaseConfirmationMail(subscriber.id(), hash);
			}
			catch (RuntimeException releaseFailed) {
				log.warn("Confirmation mail claim of subscriber {} not given back: {}", subscriber.id(),
						releaseFailed.getClass().getName());
			}
			return false;
		}
	}

	private Update preferences(SubscriptionForm form) {
		// The address may be typed differently this time: its subject key goes with it.
		return new Update().set("email", form.email())
			.set("subjectKey", this.store.subjectKeyOf(form.email()))
			.set("name", form.name())
			.set("audiences", form.audienceCodes())
			.set("states", form.states());
	}

	private static org.bson.Document request(SubscriptionForm form, Instant now) {
		return new Consent(Consent.REQUESTED, now, form.consentTextVersion(), form.source(), null).toDocument();
	}

	private static String source(UnsubscribeChannel channel) {
		return switch (channel) {
			case ONE_CLICK -> "mail";
			case PREFERENCE_PAGE -> "preference-page";
			case STAFF -> "staff";
			case BOUNCE -> "bounce";
		};
	}

	/**
	 * @param subscriber the confirmed subscriber
	 * @param alreadyConfirmed whether the link had been used before
	 * @param preferencesToken the personal token for the preference page
	 */
	public record Confirmation(Subscriber subscriber, boolean alreadyConfirmed, String preferencesToken) {
	}

}
