package de.industriedialog.newsletter.subscriber.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.newsletter.subscriber.Consent;
import de.industriedialog.newsletter.subscriber.Segment;
import de.industriedialog.newsletter.subscriber.Subscriber;
import de.industriedialog.newsletter.subscriber.SubscriberDirectory;
import de.industriedialog.newsletter.subscriber.SubscriberQueries;
import de.industriedialog.newsletter.subscriber.Subscriptions;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The subscriber list for the network office (staff only). */
@RestController
@Tag(name = "Infobrief-Abonnenten", description = "Liste, Einwilligungshistorie, Abmelden (Geschäftsstelle)")
class SubscriberStaffController {

	private final SubscriberQueries queries;

	private final Subscriptions subscriptions;

	private final SubscriberDirectory directory;

	SubscriberStaffController(SubscriberQueries queries, Subscriptions subscriptions, SubscriberDirectory directory) {
		this.queries = queries;
		this.subscriptions = subscriptions;
		this.directory = directory;
	}

	@GetMapping("/api/newsletter/subscribers")
	@Operation(summary = "Subscribers with filters, paging and counts over the filtered set (staff)")
	SubscriberList list(CurrentUser user, @RequestParam(required = false) String status,
			@RequestParam(required = false) String audience, @RequestParam(required = false) String state,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		SubscriberQueries.Page result = this.queries.list(user,
				new SubscriberQueries.Filter(status, audience, state, q, page, size));
		return new SubscriberList(result.items().stream().map(SubscriberItem::of).toList(), result.total(),
				result.counts());
	}

	@GetMapping("/api/newsletter/subscribers/{id}")
	@Operation(summary = "One subscriber with the consent history (staff)")
	SubscriberDetail detail(CurrentUser user, @PathVariable String id) {
		return SubscriberDetail.of(this.queries.detail(user, id));
	}

	@PostMapping("/api/newsletter/subscribers/{id}/unsubscribe")
	@Operation(summary = "Unsubscribe someone, e.g. after a request by phone (staff)")
	SubscriberDetail unsubscribe(CurrentUser user, @PathVariable String id) {
		return SubscriberDetail.of(this.subscriptions.unsubscribeByStaff(user, id));
	}

	@GetMapping("/api/newsletter/segment-count")
	@Operation(summary = "How many would receive an Infobrief for the segment (staff)")
	SegmentCount segmentCount(CurrentUser user, @RequestParam(required = false) List<String> audiences,
			@RequestParam(required = false) List<String> states) {
		user.requireStaff();
		List<FieldProblem> problems = new ArrayList<>();
		Set<Audience> segmentAudiences = new java.util.HashSet<>();
		for (String code : (audiences != null) ? audiences : List.<String>of()) {
			try {
				segmentAudiences.add(Audience.valueOf(code.strip()));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("audiences", "Die Gruppe „" + code + "“ gibt es nicht."));
			}
		}
		Set<String> segmentStates = new java.util.HashSet<>();
		for (String code : (states != null) ? states : List.<String>of()) {
			if (Bundesland.ofCode(code.strip()).isEmpty()) {
				problems.add(new FieldProblem("states", "Das Bundesland „" + code + "“ kennen wir nicht."));
			}
			segmentStates.add(code.strip());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Bitte prüfen Sie die Auswahl.", problems);
		}
		return new SegmentCount(this.directory.count(new Segment(segmentAudiences, segmentStates)));
	}

	record SubscriberList(List<SubscriberItem> items, long total, SubscriberQueries.Counts counts) {
	}

	record SubscriberItem(String id, String email, String name, String status, List<String> audiences,
			List<String> states, Instant confirmedAt, Instant unsubscribedAt, String source) {

		static SubscriberItem of(Subscriber subscriber) {
			return new SubscriberItem(subscriber.id(), subscriber.email(), subscriber.name(),
					subscriber.status().name(), subscriber.audiences(), subscriber.states(), subscriber.confirmedAt(),
					subscriber.unsubscribedAt(), subscriber.lastRequest().source());
		}

	}

	record SubscriberDetail(String id, String email, String name, String status, List<String> audiences,
			List<String> states, Instant confirmedAt, Instant unsubscribedAt, String source, List<Consent> consents,
			Map<String, Object> confirmation) {

		static SubscriberDetail of(Subscriber subscriber) {
			SubscriberItem item = SubscriberItem.of(subscriber);
			java.util.Map<String, Object> confirmation = new java.util.LinkedHashMap<>();
			confirmation.put("mailsSent", subscriber.confirmationMailsSent());
			confirmation.put("lastMailAt", subscriber.lastConfirmationMailAt());
			confirmation.put("expiresAt", subscriber.confirmationExpiresAt());
			return new SubscriberDetail(item.id(), item.email(), item.name(), item.status(), item.audiences(),
					item.states(), item.confirmedAt(), item.unsubscribedAt(), item.source(), subscriber.consents(),
					confirmation);
		}

	}

	record SegmentCount(long recipients) {
	}

}
