package de.industriedialog.newsletter.content;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * What the staff may write about in the next Infobrief, from the copies this service
 * keeps of the other services' events: Steckbriefe published for the first time recently
 * (newest first), events in the coming weeks (soonest first) and events held recently
 * with their figures (newest first). Each with German heading and text ready to paste and
 * the link to its public page.
 */
@Service
public class ContentSuggestions {

	private final MongoTemplate mongo;

	private final SuggestionProperties properties;

	private final String publicUrl;

	private final Clock clock;

	ContentSuggestions(MongoTemplate mongo, SuggestionProperties properties,
			@Value("${industriedialog.public-url}") String publicUrl, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.clock = clock;
	}

	/** All suggestions: new Steckbriefe, then upcoming events, then held events. */
	public List<Suggestion> suggestions() {
		Instant now = this.clock.instant();
		List<Suggestion> suggestions = new ArrayList<>();
		suggestions.addAll(newSteckbriefe(now));
		suggestions.addAll(upcomingEvents(now));
		suggestions.addAll(heldEvents(now));
		return suggestions;
	}

	private List<Suggestion> newSteckbriefe(Instant now) {
		Query query = Query
			.query(Criteria.where("firstPublishedAt")
				.gte(now.minus(this.properties.newSteckbriefWindow()))
				.and("withdrawn")
				.is(false))
			.with(Sort.by(Sort.Order.desc("firstPublishedAt"), Sort.Order.asc("_id")));
		return this.mongo.find(query, NewsInitiative.class).stream().map(this::newSteckbrief).toList();
	}

	private Suggestion newSteckbrief(NewsInitiative initiative) {
		String place = GermanTexts.place(initiative.city(), initiative.state());
		String text = "Die Initiative „" + initiative.name() + "“" + ((place != null) ? " aus " + place : "")
				+ " stellt sich mit ihrem Steckbrief vor.";
		return new Suggestion(SuggestionKind.NEW_STECKBRIEF, initiative.initiativeId(),
				"Neu dabei: " + initiative.name(), text, link("/initiative.html", initiative.initiativeId()),
				initiative.firstPublishedAt().atZone(GermanTexts.BERLIN).toLocalDate(), null);
	}

	private List<Suggestion> upcomingEvents(Instant now) {
		Query query = Query
			.query(Criteria.where("start")
				.gt(now)
				.lte(now.plus(this.properties.upcomingWindow()))
				.and("status")
				.nin(NewsEvent.HELD, NewsEvent.CANCELLED))
			.with(Sort.by(Sort.Order.asc("start"), Sort.Order.asc("_id")));
		return this.mongo.find(query, NewsEvent.class).stream().map(this::upcoming).toList();
	}

	private Suggestion upcoming(NewsEvent event) {
		StringBuilder text = new StringBuilder(event.title()).append(": ")
			.append(GermanTexts.when(event.start(), event.end()));
		String place = GermanTexts.place(event.city(), event.state());
		if (place != null) {
			text.append(" in ").append(place);
		}
		text.append('.');
		NewsInitiative initiative = (event.initiativeId() != null)
				? this.mongo.findById(event.initiativeId(), NewsInitiative.class) : null;
		if (initiative != null && initiative.name() != null && !initiative.withdrawn()) {
			text.append(" Es lädt ein: ").append(initiative.name()).append('.');
		}
		if ("OPEN".equals(event.status())) {
			text.append(" Die Anmeldung ist offen.");
		}
		return eventSuggestion(SuggestionKind.UPCOMING_EVENT, event, text.toString(), null);
	}

	private List<Suggestion> heldEvents(Instant now) {
		Query query = Query.query(
				Criteria.where("status").is(NewsEvent.HELD).and("start").gte(now.minus(this.properties.heldWindow())))
			.with(Sort.by(Sort.Order.desc("start"), Sort.Order.asc("_id")));
		return this.mongo.find(query, NewsEvent.class).stream().map(this::held).toList();
	}

	private Suggestion held(NewsEvent event) {
		Suggestion.Figures figures = figures(event.eventId());
		return eventSuggestion(SuggestionKind.HELD_EVENT, event,
				GermanTexts.figures(figures, this.properties.minAnswers()), figures);
	}

	/** Counted from the documents, so that redelivered events cannot count twice. */
	private Suggestion.Figures figures(String eventId) {
		long attended = count(Criteria.where("eventId").is(eventId).and("checkedIn").is(true),
				NewsAttendance.COLLECTION);
		long responses = count(Criteria.where("eventId").is(eventId), NewsFeedback.COLLECTION);
		long answered = count(Criteria.where("eventId").is(eventId).and("q1").in(ExpectationsMet.SCALE),
				NewsFeedback.COLLECTION);
		long topTwo = count(Criteria.where("eventId").is(eventId).and("q1").in(ExpectationsMet.TOP_TWO),
				NewsFeedback.COLLECTION);
		BigDecimal percent = ExpectationsMet.percent(topTwo, answered, this.properties.minAnswers());
		return new Suggestion.Figures(attended, responses, percent);
	}

	private long count(Criteria criteria, String collection) {
		return this.mongo.count(Query.query(criteria), collection);
	}

	private Suggestion eventSuggestion(SuggestionKind kind, NewsEvent event, String text, Suggestion.Figures figures) {
		String what = GermanTexts.format(event.format(), event.title());
		StringBuilder heading = new StringBuilder(what);
		if (event.city() != null && !event.city().isBlank()) {
			heading.append(" in ").append(event.city().strip());
		}
		heading.append(" am ").append(GermanTexts.day(event.start()));
		return new Suggestion(kind, event.eventId(), heading.toString(), text,
				link("/veranstaltung.html", event.eventId()), event.start().atZone(GermanTexts.BERLIN).toLocalDate(),
				figures);
	}

	private String link(String page, String id) {
		return this.publicUrl + page + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
	}

}
