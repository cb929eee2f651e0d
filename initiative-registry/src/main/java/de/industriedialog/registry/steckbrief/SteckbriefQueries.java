package de.industriedialog.registry.steckbrief;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;

/** Reads public Steckbriefe with the filters of the public list. */
@Service
public class SteckbriefQueries {

	private final MongoTemplate mongo;

	SteckbriefQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * One page of published Steckbriefe sorted by name; every filter is optional.
	 */
	public Page<Steckbrief> published(Filter filter, Pageable pageable) {
		Criteria criteria = Criteria.where("status").is(SteckbriefStatus.PUBLISHED);
		if (filter.state() != null) {
			criteria = criteria.and("state").is(filter.state().code());
		}
		if (filter.level() != null) {
			criteria = criteria.and("level").is(filter.level());
		}
		if (filter.type() != null) {
			criteria = criteria.and("type").is(filter.type());
		}
		Query query = new Query(criteria);
		query.fields().exclude("outbox");
		long total = this.mongo.count(query, Steckbrief.class);
		Query paged = Query.of(query).with(pageable).with(Sort.by("name", "_id"));
		List<Steckbrief> content = this.mongo.find(paged, Steckbrief.class);
		return PageableExecutionUtils.getPage(content, pageable, () -> total);
	}

	/** The filters of the public list; {@code null} means "any". */
	public record Filter(Bundesland state, Level level, InitiativeType type) {
	}

}
