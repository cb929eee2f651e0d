package de.industriedialog.newsletter.privacy;

import java.util.List;

import de.industriedialog.newsletter.delivery.DeliveryRecords;
import de.industriedialog.platform.privacy.PersonalData;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Infobriefe delivered to a person (docs/adr/0015): each send keeps one delivery
 * record per recipient with a copy of the address (dropped anyway 30 days after the send,
 * docs/adr/0014). Erasure drops the copy now and keeps the state, so every send report
 * counts the same as before.
 */
@Component
@Order(2)
class InfobriefDeliveryPersonalData implements PersonalData {

	private final DeliveryRecords deliveries;

	InfobriefDeliveryPersonalData(DeliveryRecords deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public String name() {
		return "infobriefDeliveries";
	}

	@Override
	public String title() {
		return "Zugestellte Infobriefe";
	}

	@Override
	public int count(String subjectKey) {
		return this.deliveries.countOfSubject(subjectKey);
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.deliveries.ofSubject(subjectKey);
	}

	@Override
	public int erase(String subjectKey) {
		return this.deliveries.erase(subjectKey);
	}

}
