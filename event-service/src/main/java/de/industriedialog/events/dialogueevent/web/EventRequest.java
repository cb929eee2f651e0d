package de.industriedialog.events.dialogueevent.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import de.industriedialog.events.dialogueevent.EventDetails;
import de.industriedialog.events.dialogueevent.TargetGroup;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of create and update. Every text field is a JSON string: an object such as
 * {@code {"$ne": null}} cannot be read into it and is refused before any rule runs.
 */
@Schema(description = "Eine Dialogveranstaltung, wie eine Initiative sie anlegt oder ändert")
record EventRequest(
		@Schema(description = "Id of the initiative; for an initiative account defaults to its own",
				example = "ini-rhein-mosel") String initiativeId,
		@Schema(example = "Zukunftswerkstatt „Unsere Industrie = Unsere Zukunft“",
				maxLength = EventDetails.MAX_TITLE) String title,
		@Schema(maxLength = EventDetails.MAX_DESCRIPTION) String description,
		@Schema(description = "Format code from GET /api/events/formats", example = "ZUKUNFTSWERKSTATT") String format,
		@Schema(description = "Start with offset; shown in Europe/Berlin",
				example = "2027-11-14T10:00:00+01:00") OffsetDateTime start,
		@Schema(example = "2027-11-14T16:00:00+01:00") OffsetDateTime end,
		@Schema(maxLength = EventDetails.MAX_VENUE, example = "Haus der Wirtschaft") String venue,
		@Schema(maxLength = EventDetails.MAX_CITY, example = "Stuttgart") String city,
		@Schema(description = "Bundesland as ISO 3166-2 code", example = "DE-BW") String state,
		@Schema(minimum = "1", example = "25") Integer capacity, List<TargetGroup> targetGroups,
		OffsetDateTime registrationOpens, OffsetDateTime registrationCloses,
		@Schema(description = "true: supported by the campaign; false: Eigeninitiative") Boolean campaignSupported,
		@Schema(description = "Update only: the version the client edited; a newer stored version answers 409") Long version,
		@Schema(description = "Create only, staff only: the event took place already and is entered afterwards "
				+ "(Nacherfassung); its start must lie in the past, and no participant mails are sent") Boolean recordedAfterwards) {

	EventDetails details() {
		return new EventDetails(this.title, this.description, this.format, instant(this.start), instant(this.end),
				this.venue, this.city, this.state, this.capacity, this.targetGroups, instant(this.registrationOpens),
				instant(this.registrationCloses), this.campaignSupported);
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
