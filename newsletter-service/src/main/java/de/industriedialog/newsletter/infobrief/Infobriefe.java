package de.industriedialog.newsletter.infobrief;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.newsletter.delivery.DeliveryJobs;
import de.industriedialog.newsletter.delivery.PreparedIssue;
import de.industriedialog.newsletter.delivery.SendProgress;
import de.industriedialog.newsletter.infobrief.Infobrief.Counts;
import de.industriedialog.newsletter.subscriber.Segment;
import de.industriedialog.newsletter.subscriber.SubscriberDirectory;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.platform.web.ConflictException;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Drafts, preview, test send and the start of the send of Infobriefe. A draft may be
 * changed or deleted only while it is a draft; the send turns it into SENDING with one
 * conditional update, so two clicks on „Senden" start one send.
 */
@Service
class Infobriefe {

	static final String NOT_FOUND = "Diesen Infobrief gibt es nicht (mehr).";

	static final String NOT_A_DRAFT = "Dieser Infobrief wird bereits versendet oder ist schon verschickt; "
			+ "er kann nicht mehr geändert, gelöscht oder noch einmal gesendet werden. "
			+ "Lege für eine neue Ausgabe einen neuen Entwurf an.";

	/** What the preview puts where each recipient's personal token goes. */
	static final String PREVIEW_TOKEN = "vorschau";

	private final MongoOperations mongo;

	private final InfobriefRenderer renderer;

	private final DeliveryJobs deliveryJobs;

	private final SubscriberDirectory directory;

	private final Clock clock;

	private final SubjectKeys subjectKeys;

	Infobriefe(MongoOperations mongo, InfobriefRenderer renderer, DeliveryJobs deliveryJobs,
			SubscriberDirectory directory, Clock clock, SubjectKeys subjectKeys) {
		this.subjectKeys = subjectKeys;
		this.mongo = mongo;
		this.renderer = renderer;
		this.deliveryJobs = deliveryJobs;
		this.directory = directory;
		this.clock = clock;
	}

	Infobrief create(InfobriefDraft draft, String author) {
		InfobriefValidation.Valid valid = InfobriefValidation.check(draft);
		Instant now = this.clock.instant();
		Infobrief issue = new Infobrief(UUID.randomUUID().toString(), valid.subject(), valid.intro(), valid.sections(),
				valid.segment(), Infobrief.DRAFT, author, (author != null) ? this.subjectKeys.of(author) : null, now,
				now, null, null, null, 1, List.of());
		return this.mongo.insert(issue);
	}

	Infobrief get(String id) {
		Infobrief issue = this.mongo.findById(id, Infobrief.class);
		if (issue == null) {
			throw new NotFoundException(NOT_FOUND);
		}
		return issue;
	}

	Infobrief update(String id, InfobriefDraft draft) {
		InfobriefValidation.Valid valid = InfobriefValidation.check(draft);
		Update update = new Update().set("subject", valid.subject())
			.set("intro", valid.intro())
			.set("sections", valid.sections())
			.set("segment", valid.segment())
			.set("updatedAt", this.clock.instant())
			.inc("version", 1);
		if (this.mongo.updateFirst(draftQuery(id), update, Infobrief.class).getModifiedCount() == 0) {
			throw notADraft(id);
		}
		return get(id);
	}

	void delete(String id) {
		if (this.mongo.remove(draftQuery(id), Infobrief.class).getDeletedCount() == 0) {
			throw notADraft(id);
		}
	}

	/** Newest first. */
	List<Infobrief> history() {
		return this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), Infobrief.class);
	}

	/** While sending the live counts, afterwards the stored ones, for a draft none. */
	Counts counts(Infobrief issue) {
		if (issue.counts() != null && Infobrief.SENT.equals(issue.status())) {
			return issue.counts();
		}
		if (Infobrief.DRAFT.equals(issue.status())) {
			return new Counts(0, 0, 0, 0);
		}
		return this.deliveryJobs.progress(issue.id())
			.map((p) -> new Counts(p.recipients(), p.sent(), p.failed(), p.pending()))
			.orElse(new Counts(0, 0, 0, 0));
	}

	/** The issue as a recipient sees it, with a stand-in for the personal token. */
	PreparedIssue preview(String id) {
		get(id);
		PreparedIssue prepared = this.renderer.prepare(id);
		return new PreparedIssue(id, prepared.subject(), prepared.html(PREVIEW_TOKEN), prepared.text(PREVIEW_TOKEN));
	}

	void testSend(String id, String accountEmail) {
		get(id);
		if (accountEmail == null || !accountEmail.contains("@")) {
			throw new InvalidInputException(
					"Dein Konto hat keine E-Mail-Adresse, an die der Test gehen könnte. Melde dich mit deiner "
							+ "E-Mail-Adresse an.",
					List.of(new FieldProblem("sub", "Keine E-Mail-Adresse.")));
		}
		this.deliveryJobs.sendTest(id, accountEmail);
	}

	SendProgress send(String id) {
		Infobrief issue = get(id);
		if (!Infobrief.DRAFT.equals(issue.status())) {
			throw new ConflictException(NOT_A_DRAFT);
		}
		Segment segment = issue.segment().toSegment();
		long recipients = this.directory.count(segment);
		if (recipients == 0) {
			throw new InvalidInputException(
					"Im gewählten Verteiler gibt es niemanden, der den Infobrief bekommen würde. "
							+ "Wähle mehr Zielgruppen oder Bundesländer.",
					List.of(new FieldProblem("segment", "Keine Empfänger:innen in diesem Verteiler.")));
		}
		Instant now = this.clock.instant();
		Query sameDraft = Query
			.query(Criteria.where("_id").is(id).and("status").is(Infobrief.DRAFT).and("version").is(issue.version()));
		Update sending = new Update().set("status", Infobrief.SENDING)
			.set("sendStartedAt", now)
			.set("updatedAt", now)
			.inc("version", 1);
		if (this.mongo.updateFirst(sameDraft, sending, Infobrief.class).getModifiedCount() == 0) {
			throw new ConflictException(NOT_A_DRAFT);
		}
		// A crash right here leaves a SENDING issue without a job: InfobriefSendRecovery
		// starts it (start is idempotent).
		SendProgress progress = this.deliveryJobs.start(id, segment);
		return new SendProgress(id, Infobrief.SENDING, Math.max(recipients, progress.recipients()), progress.sent(),
				progress.failed(), progress.pending(), progress.startedAt(), progress.finishedAt(),
				progress.mailsPerSecond());
	}

	SendProgress progress(String id) {
		Infobrief issue = get(id);
		Optional<SendProgress> job = this.deliveryJobs.progress(id);
		if (Infobrief.SENT.equals(issue.status()) && issue.counts() != null) {
			Counts counts = issue.counts();
			double rate = job.map(SendProgress::mailsPerSecond).orElse(0.0);
			return new SendProgress(id, issue.status(), counts.recipients(), counts.sent(), counts.failed(), 0,
					issue.sendStartedAt(), issue.sentAt(), rate);
		}
		return job
			.map((p) -> new SendProgress(id, issue.status(), p.recipients(), p.sent(), p.failed(), p.pending(),
					p.startedAt(), p.finishedAt(), p.mailsPerSecond()))
			.orElse(new SendProgress(id, issue.status(), 0, 0, 0, 0, issue.sendStartedAt(), null, 0));
	}

	private static Query draftQuery(String id) {
		return Query.query(Criteria.where("_id").is(id).and("status").is(Infobrief.DRAFT));
	}

	private RuntimeException notADraft(String id) {
		get(id);
		return new ConflictException(NOT_A_DRAFT);
	}

}
