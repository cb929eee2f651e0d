package de.industriedialog.gateway.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import de.industriedialog.gateway.account.Accounts;
import de.industriedialog.gateway.web.SecretLinks;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.OutgoingMail;
import de.industriedialog.platform.privacy.SubjectKeys;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Staff invite an initiative's contact; the contact follows the link in the mail and sets
 * a password, which creates an account bound to that initiative.
 */
@Service
class Invitations {

	static final Duration VALIDITY = Duration.ofDays(14);

	private final InvitationRepository repository;

	private final ReactiveMongoTemplate mongo;

	private final Accounts accounts;

	private final MailQueue mailQueue;

	private final SubjectKeys subjectKeys;

	private final Clock clock;

	private final String publicUrl;

	Invitations(InvitationRepository repository, ReactiveMongoTemplate mongo, Accounts accounts, MailQueue mailQueue,
			SubjectKeys subjectKeys, Clock clock, @Value("${industriedialog.gateway.public-url}") String publicUrl) {
		this.repository = repository;
		this.mongo = mongo;
		this.accounts = accounts;
		this.mailQueue = mailQueue;
		this.subjectKeys = subjectKeys;
		this.clock = clock;
		this.publicUrl = publicUrl;
	}

	/** Stores the invitation and mails the link; the token itself is not kept. */
	Mono<Invitation> invite(String email, String initiativeId, String staff) {
		String token = SecretLinks.newToken();
		Instant now = this.clock.instant();
		String address = SubjectKeys.normalise(email);
		// The subject key beside the address, so a privacy request finds the invitation.
		Invitation invitation = new Invitation(hash(token), address, this.subjectKeys.of(address), initiativeId, staff,
				now, now.plus(VALIDITY), null);
		// Queued, not sent inline: the mail queue (platform) sends it, waiting out a mail
		// server that is away. The queue's client blocks, hence the elastic scheduler.
		return this.repository.insert(invitation)
			.flatMap((stored) -> Mono.fromCallable(() -> this.mailQueue.enqueue(mail(stored, token)))
				.subscribeOn(Schedulers.boundedElastic())
				.thenReturn(stored));
	}

	/**
	 * Marks the invitation used (atomically, so a link works once) and creates the
	 * account.
	 */
	Mono<Redeemed> redeem(String token, String password) {
		Instant now = this.clock.instant();
		String id = hash(token);
		Query unused = Query.query(Criteria.where("_id").is(id).and("usedAt").is(null));
		return this.repository.findById(id)
			.switchIfEmpty(Mono.error(new InvitationProblem(404,
					"Diesen Einladungslink kennen wir nicht. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben.")))
			.flatMap((invitation) -> {
				if (invitation.usedAt() != null) {
					return Mono.error(new InvitationProblem(409,
							"Diese Einladung wurde schon benutzt. Bitte melden Sie sich mit Ihrem Passwort an."));
				}
				if (invitation.expiresAt().isBefore(now)) {
					return Mono.error(new InvitationProblem(410,
							"Diese Einladung ist abgelaufen. Bitte bitten Sie die Geschäftsstelle um eine neue."));
				}
				return this.accounts.exists(invitation.email())
					.flatMap((exists) -> exists ? Mono.error(new InvitationProblem(409,
							"Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich mit Ihrem Passwort an "
									+ "oder bitten Sie die Geschäftsstelle um Hilfe."))
							: this.mongo.updateFirst(unused, new Update().set("usedAt", now), Invitation.class))
					.flatMap((result) -> (result.getModifiedCount() == 1)
							? this.accounts.createIfAbsent(invitation.email(), password, List.of("INITIATIVE"),
									invitation.initiativeId())
							: Mono.error(new InvitationProblem(409, "Diese Einladung wurde schon benutzt.")))
					.map((account) -> new Redeemed(account.email(), account.initiativeId()));
			});
	}

	private OutgoingMail mail(Invitation invitation, String token) {
		String text = """
				Guten Tag,

				die Geschäftsstelle des Industriedialogs lädt Sie ein, den Steckbrief Ihrer Initiative
				selbst zu pflegen und Ihre Dialogveranstaltungen einzutragen.

				Bitte legen Sie hier Ihr Passwort fest (der Link gilt 14 Tage und nur einmal):
				%s/einladung.html?token=%s

				Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.

				Mit freundlichen Grüßen
				Ihre Geschäftsstelle Industriedialog
				""".formatted(this.publicUrl, token);
		// Keyed by the invitation (the token's hash): one mail per invitation.
		return new OutgoingMail("invitation:" + invitation.tokenHash(), "invitation", invitation.initiativeId(),
				"Geschäftsstelle Industriedialog <geschaeftsstelle@industriedialog.de>", invitation.email(), null,
				"Ihre Einladung zum Industriedialog", null, text, List.of(), Map.of());
	}

	static String hash(String token) {
		return SecretLinks.hash(token);
	}

	/** The account an invitation created. */
	record Redeemed(String email, String initiativeId) {
	}

	/** Why a link cannot be used, with the HTTP status and a German message. */
	static class InvitationProblem extends RuntimeException {

		private final int status;

		InvitationProblem(int status, String germanMessage) {
			super(germanMessage);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
