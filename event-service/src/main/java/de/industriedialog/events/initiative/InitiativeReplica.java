package de.industriedialog.events.initiative;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's copy of what it needs to know about an initiative, kept from
 * {@code dialog.initiatives.v1}: only a published initiative may run events.
 */
@Document(InitiativeReplica.COLLECTION)
public record InitiativeReplica(@Id String initiativeId, String name, String state, boolean published, long version,
		List<String> appliedEventIds) {

	static final String COLLECTION = "initiatives";

}
