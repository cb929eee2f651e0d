package de.industriedialog.evaluation.eventreplica;

import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ForbiddenException;
import de.industriedialog.platform.web.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * Who may act as the organiser of an event: staff, and the account of the initiative that
 * owns it according to the replica. The replica is the only source: no call to
 * event-service at request time.
 */
@Component
public class EventOrganisers {

	private final EventReplication events;

	EventOrganisers(EventReplication events) {
		this.events = events;
	}

	/**
	 * @param refusal the German reason shown to a caller who is not an organiser
	 * @throws NotFoundException if the event is not (yet) known here
	 * @throws ForbiddenException if the user is neither staff nor the owning initiative
	 */
	public DialogueEventReplica requireOrganiser(CurrentUser user, String eventId, String refusal) {
		DialogueEventReplica event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException(
					"Diese Veranstaltung ist hier (noch) nicht bekannt. Bitte prüfen Sie die Kennung oder versuchen Sie es "
							+ "in einigen Sekunden noch einmal."));
		if (!user.mayActFor(event.initiativeId())) {
			throw new ForbiddenException(refusal);
		}
		return event;
	}

}
