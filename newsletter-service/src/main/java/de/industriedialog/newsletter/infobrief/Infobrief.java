package de.industriedialog.newsletter.infobrief;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.newsletter.subscriber.Segment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One Infobrief issue: a draft staff edit, then sent once to a segment. Every change is a
 * conditional update on status and version ({@link Infobriefe}), so a draft cannot be
 * edited while it is being sent and cannot be sent twice.
 *
 * @param id the issue id
 * @param subject subject line
 * @param intro opening text, may be empty when there are sections
 * @param sections the articles
 * @param segment who it goes to
 * @param status {@code DRAFT}, {@code SENDING}, {@code SENT}
 * @param createdBy account of the author (the staff member's address)
 * @param createdBySubjectKey the subject key of that address, by which privacy requests
 * find the issues a person created (docs/adr/0015)
 * @param createdAt when the draft was created
 * @param updatedAt last change
 * @param sendStartedAt when the send was started
 * @param sentAt when the last delivery became final
 * @param counts the final counts, once sent
 * @param version increases with every change
 * @param outbox events waiting for the relay
 */
@Document(Infobrief.COLLECTION)
record Infobrief(@Id String id, String subject, String intro, List<Section> sections, SegmentSelection segment,
		String status, String createdBy, String createdBySubjectKey, Instant createdAt, Instant updatedAt,
		Instant sendStartedAt, Instant sentAt, Counts counts, long version, List<org.bson.Document> outbox) {

	static final String COLLECTION = "infobriefe";

	static final String DRAFT = "DRAFT";

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	Infobrief {
		sections = (sections != null) ? List.copyOf(sections) : List.of();
		segment = (segment != null) ? segment : new SegmentSelection(List.of(), List.of());
		outbox = (outbox != null) ? outbox : List.of();
	}

	/**
	 * An article of the issue, written by staff or taken from a content suggestion.
	 *
	 * @param sourceKind {@code NEW_STECKBRIEF}, {@code UPCOMING_EVENT},
	 * {@code HELD_EVENT} when taken from a suggestion
	 * @param sourceId the Steckbrief or event it came from
	 */
	record Section(String heading, String text, String link, String linkLabel, String sourceKind, String sourceId) {
	}

	/** Audience codes and Länder codes; empty lists mean everyone. */
	record SegmentSelection(List<String> audiences, List<String> states) {

		SegmentSelection {
			audiences = (audiences != null) ? List.copyOf(audiences) : List.of();
			states = (states != null) ? List.copyOf(states) : List.of();
		}

		Segment toSegment() {
			Set<Audience> codes = this.audiences.stream().map(Audience::valueOf).collect(Collectors.toSet());
			return new Segment(codes, Set.copyOf(this.states));
		}

	}

	record Counts(long recipients, long sent, long failed, long pending) {
	}

}
