package de.industriedialog.localstack;

import java.util.List;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Lets the H2 store answer a query through a unique index (such as {@code _id}) when the
 * query names that key <em>and</em> more fields. mongo-java-server uses an index only
 * when the query has exactly the index's keys, so {@code {_id: x, version: 3}} (an
 * optimistic update) or {@code {_id: x, sentMails: {$ne: k}}} (a send-once guard) read
 * every document of the collection while holding its lock: the cost of each such write
 * grew with the collection, and one registration made several of them. Real MongoDB
 * narrows by the index first and checks the other fields on the few documents found; this
 * does the same.
 */
final class KeyedLookups {

	private KeyedLookups() {
	}

	/**
	 * The database of {@link LocalMongoServer}'s H2 backend, with keyed collections.
	 * H2Database's constructor already opens the existing collections, before a field of
	 * a subclass is set: so the store comes from {@link #store()}, which the backend
	 * implements with its own store.
	 */
	abstract static class KeyedH2Database extends H2Database {

		KeyedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
			super(databaseName, store, cursorRegistry);
		}

		abstract MVStore store();

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			// The same map names as H2Database, so existing data files open unchanged.
			String name = getFullCollectionNamespace(collectionName);
			MVMap<Object, Document> data = store().openMap("databases." + name);
			MVMap<String, Object> meta = store().openMap("meta." + name);
			return new KeyedH2Collection(this, collectionName, options, data, meta, this.cursorRegistry);
		}

	}

	static final class KeyedH2Collection extends H2Collection {

		KeyedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
				MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
			super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Iterable<Object> candidates = candidates(query);
			if (candidates != null) {
				return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

		/**
		 * The positions a unique index finds for the query's part on its keys, or
		 * {@code null} if no unique index narrows this query beyond what the library does
		 * itself.
		 */
		private Iterable<Object> candidates(Document query) {
			Document conditions = conditions(query);
			for (Index<Object> index : getIndexes()) {
				List<IndexKey> keys = index.getKeys();
				if (!index.isUnique() || (keys.size() == query.size() && query == conditions)) {
					// the library's own case: exactly the index's keys
					continue;
				}
				Document keyPart = new Document();
				for (IndexKey key : keys) {
					if (!conditions.containsKey(key.getKey())) {
						break;
					}
					keyPart.put(key.getKey(), conditions.get(key.getKey()));
				}
				if (keyPart.size() == keys.size() && index.canHandle(keyPart)) {
					return index.getPositions(keyPart);
				}
			}
			return null;
		}

		/**
		 * The query's conditions on single fields, including those inside a top-level
		 * {@code $and} (Spring Data writes {@code where(a).and(b)} on one field as
		 * {@code $and}). A field named twice keeps its first condition: the index only
		 * narrows, the whole query is still applied to what it finds.
		 */
		private static Document conditions(Document query) {
			if (!(query.get("$and") instanceof List<?> parts)) {
				return query;
			}
			Document conditions = new Document();
			query.forEach((key, value) -> {
				if (!key.startsWith("$")) {
					conditions.putIfAbsent(key, value);
				}
			});
			for (Object part : parts) {
				if (part instanceof Document document) {
					document.forEach((key, value) -> {
						if (!key.startsWith("$")) {
							conditions.putIfAbsent(key, value);
						}
					});
				}
			}
			return conditions;
		}

	}

}
