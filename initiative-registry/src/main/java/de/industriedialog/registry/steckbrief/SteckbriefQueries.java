package de.industriedialog.registry.steckbrief;

import de.industriedialog.contracts.Bundesland;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;

/** Reads public Steckbriefe with the filters of the public list and the map. */
@Service
public class SteckbriefQueries {

	/** Enough for every initiative in Germany on one map; the study found 40. */
	static final int MAP_LIMIT = 5000;

	private final MongoTemplate mongo;

	SteckbriefQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * One page of published Steckbriefe sorted by name; every filter is optional.
	 */
	public Page<Steckbrief> published(Filter filter, Pageable pageable) {
		Query query = query(filter);
		long total = this.mongo.count(query, Steckbrief.class);
		Query paged = Query.of(query).with(pageable).with(Sort.by("name", "_id"));
		List<Steckbrief> content = this.mongo.find(paged, Steckbrief.class);
		return PageableExecutionUtils.getPage(content, pageable, () -> total);
	}

	/** The published Steckbriefe with a position, for the map. */
	public List<Steckbrief> publishedOnMap(Filter filter) {
		Query query = query(filter);
		query.addCriteria(Criteria.where("coordinates").ne(null));
		return this.mongo.find(query.with(Sort.by("name", "_id")).limit(MAP_LIMIT), Steckbrief.class);
	}

	private static Query query(Filter filter) {
		List<Criteria> all = new ArrayList<>();
		all.add(Criteria.where("status").is(SteckbriefStatus.PUBLISHED));
		if (filter.state() != null) {
			all.add(Criteria.where("state").is(filter.state().code()));
		}
		if (filter.level() != null) {
			all.add(Criteria.where("level").is(filter.level()));
		}
		if (filter.type() != null) {
			all.add(Criteria.where("type").is(filter.type()));
		}
		if (filter.goal() != null) {
			all.add(Criteria.where("goalCategories").is(filter.goal()));
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			// Quoted: the text is matched literally, a user's "." or "(" is no regex.
			String literal = Pattern.quote(filter.text().strip());
			all.add(new Criteria().orOperator(Criteria.where("name").regex(literal, "i"),
					Criteria.where("city").regex(literal, "i")));
		}
		Query query = new Query(new Criteria().andOperator(all));
		// Pending events and the non-public contact are never needed to show a list.
		query.fields().exclude("outbox").exclude("contact");
		return query;
	}

	/**
	 * The filters of the public list; {@code null} means "any".
	 *
	 * @param text case-insensitive part of the name or the city
	 */
	public record Filter(Bundesland state, Level level, InitiativeType type, GoalCategory goal, String text) {

		public Filter(Bundesland state, Level level, InitiativeType type) {
			this(state, level, type, null, null);
		}

	}

}
