package de.industriedialog.events.dialogueevent;

import de.industriedialog.contracts.Bundesland;
import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;

/**
 * Reads events for the public list. Every filter value goes into the query as a typed
 * value with {@code is}/{@code gte}/{@code lt}, never as query text, so input cannot
 * become an operator.
 */
@Service
public class DialogueEventQueries {

	private final MongoTemplate mongo;

	DialogueEventQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** One page of events sorted by start; every filter is optional. */
	public Page<DialogueEvent> list(Filter filter, Pageable pageable) {
		Criteria criteria = new Criteria();
		if (filter.state() != null) {
			criteria = criteria.and("state").is(filter.state().code());
		}
		if (filter.format() != null) {
			criteria = criteria.and("format").is(filter.format());
		}
		if (filter.initiativeId() != null) {
			criteria = criteria.and("initiativeId").is(filter.initiativeId());
		}
		if (filter.status() != null) {
			criteria = criteria.and("status").is(filter.status());
		}
		if (filter.from() != null && filter.to() != null) {
			criteria = criteria.and("start").gte(filter.from()).lt(filter.to());
		}
		else if (filter.from() != null) {
			criteria = criteria.and("start").gte(filter.from());
		}
		else if (filter.to() != null) {
			criteria = criteria.and("start").lt(filter.to());
		}
		Query query = new Query(criteria);
		query.fields().exclude("outbox");
		long total = this.mongo.count(query, DialogueEvent.class);
		Query paged = Query.of(query).with(pageable).with(Sort.by("start", "_id"));
		List<DialogueEvent> content = this.mongo.find(paged, DialogueEvent.class);
		return PageableExecutionUtils.getPage(content, pageable, () -> total);
	}

	/**
	 * The filters of the public list; {@code null} means "any".
	 *
	 * @param from events starting at or after this instant
	 * @param to events starting before this instant
	 */
	public record Filter(Bundesland state, String format, String initiativeId, EventStatus status, Instant from,
			Instant to) {
	}

}
