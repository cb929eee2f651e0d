package de.industriedialog.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalMongoServerIT {

	@TempDir
	Path tempDir;

	@Test
	void shouldDoCrudAndRejectDuplicatesWhenInMemory() {
		try (LocalMongoServer server = LocalMongoServer.inMemory();
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
			exerciseCrud(client);
		}
	}

	@Test
	void shouldDoCrudAndRejectDuplicatesWhenDurable() {
		try (LocalMongoServer server = LocalMongoServer.durable(this.tempDir.resolve("crud/store.mv"), 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			exerciseCrud(client);
		}
	}

	@Test
	void shouldAnswerHelloWhenAsked() {
		try (LocalMongoServer memory = LocalMongoServer.inMemory();
				LocalMongoServer durable = LocalMongoServer.durable(this.tempDir.resolve("hello.mv"), 0)) {
			for (LocalMongoServer server : List.of(memory, durable)) {
				try (MongoClient client = MongoClients.create(server.connectionString())) {
					// what Spring Boot's MongoHealthIndicator sends
					Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
					assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
					assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
					assertThat(hello.get("maxWireVersion", Number.class).intValue()).isPositive();
					Document helloElsewhere = client.getDatabase("app").runCommand(new Document("hello", 1));
					assertThat(helloElsewhere.get("ok", Number.class).intValue()).isEqualTo(1);
				}
			}
		}
	}

	@Test
	void shouldKeepDataWhenRestartedCleanly() {
		Path file = this.tempDir.resolve("restart.mv");
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			client.getDatabase("app").getCollection("things").insertOne(new Document("_id", "a").append("n", 1));
		}
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(client.getDatabase("app").getCollection("things").find(Filters.eq("_id", "a")).first())
				.containsEntry("n", 1);
		}
	}

	/**
	 * Every write is committed as a chunk of its own, so a working store file is mostly
	 * dead chunks; a clean close leaves only the live data, and all of them.
	 */
	@Test
	void shouldShrinkTheFileToItsLiveDataWhenClosedAndKeepEveryDocument() throws Exception {
		Path file = this.tempDir.resolve("shrink.mv");
		long whileOpen;
		String filler = "x".repeat(1_000);
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> things = client.getDatabase("app").getCollection("things");
			for (int i = 0; i < 20; i++) {
				things.insertOne(new Document("_id", "t" + i).append("n", 0).append("filler", filler));
			}
			for (int round = 0; round < 100; round++) {
				for (int i = 0; i < 20; i++) {
					things.updateOne(Filters.eq("_id", "t" + i), Updates.inc("n", 1));
				}
			}
			whileOpen = Files.size(file);
		}
		long closed = Files.size(file);
		assertThat(closed).isLessThan(whileOpen / 10);
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(client.getDatabase("app").getCollection("things").find().into(new ArrayList<>())).hasSize(20)
				.allSatisfy((thing) -> assertThat(thing).containsEntry("n", 100).containsEntry("filler", filler));
		}
	}

	/**
	 * A query on a unique key plus other fields is narrowed by the key's index (see
	 * KeyedLookups) and must still apply every other condition, before and after the
	 * collections are reopened from the file.
	 */
	@Test
	void shouldApplyEveryConditionWhenAQueryNamesAUniqueKeyAndMoreFields() {
		Path file = this.tempDir.resolve("keyed.mv");
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> seats = client.getDatabase("app").getCollection("seats");
			seats.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
			for (int i = 0; i < 50; i++) {
				seats.insertOne(new Document("_id", "s" + i).append("code", "c" + i)
					.append("version", i % 3)
					.append("sent", List.of("a")));
			}
			assertKeyedQueries(seats);
		}
		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertKeyedQueries(client.getDatabase("app").getCollection("seats"));
		}
	}

	private static void assertKeyedQueries(MongoCollection<Document> seats) {
		// s7 has version 1: only the matching version is changed (optimistic update)
		assertThat(seats
			.updateOne(Filters.and(Filters.eq("_id", "s7"), Filters.eq("version", 0)), Updates.set("taken", true))
			.getModifiedCount()).isZero();
		assertThat(seats.find(Filters.and(Filters.eq("_id", "s7"), Filters.eq("version", 1))).first())
			.containsEntry("code", "c7");
		// send-once guard: {_id, sent: {$ne: key}}
		assertThat(seats
			.updateOne(Filters.and(Filters.eq("_id", "s8"), Filters.ne("sent", "a")), Updates.push("sent", "a"))
			.getModifiedCount()).isZero();
		assertThat(seats.countDocuments(Filters.and(Filters.in("_id", "s1", "s2", "s3"), Filters.eq("version", 2))))
			.isEqualTo(1);
		assertThat(seats.find(Filters.and(Filters.eq("code", "c10"), Filters.lt("version", 1))).first()).isNull();
		assertThat(seats.find(Filters.and(Filters.eq("code", "c10"), Filters.lt("version", 2))).first())
			.containsEntry("_id", "s10");
		assertThat(seats.find(Filters.and(Filters.eq("_id", "missing"), Filters.eq("version", 0))).first()).isNull();
		// the same field twice is written as $and: {$and: [{_id}, {version: {$lt}},
		// {version: {$gt}}]}
		Document twice = new Document("$and", List.of(new Document("_id", "s11"),
				new Document("version", new Document("$lt", 3)), new Document("version", new Document("$gt", 1))));
		assertThat(seats.find(twice).first()).containsEntry("code", "c11");
		Document excluded = new Document("$and", List.of(new Document("_id", "s11"),
				new Document("version", new Document("$lt", 3)), new Document("sent", new Document("$ne", "a"))));
		assertThat(seats.find(excluded).first()).isNull();
		assertThat(seats.countDocuments(Filters.eq("version", 0))).isEqualTo(17);
	}

	/**
	 * The store runs in a child JVM that is killed with SIGKILL right after the last
	 * acknowledged insert; every acknowledged document must be there after a restart.
	 */
	@Test
	void shouldKeepEveryAcknowledgedWriteWhenKilledHard() throws Exception {
		Path file = this.tempDir.resolve("crash/store.mv");
		Path portFile = this.tempDir.resolve("crash.port");
		Path output = this.tempDir.resolve("child.log");
		Files.createDirectories(file.getParent());
		Process child = new ProcessBuilder(LocalStack.javaCommand(), "-XX:+UseSerialGC", "-Xmx128m", "-cp",
				System.getProperty("java.class.path"), DurableMongoChild.class.getName(), file.toString(),
				portFile.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		Set<Integer> acknowledged = new HashSet<>();
		int n = 1000;
		long nanos;
		try {
			int port = awaitPort(child, portFile, output);
			try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?w=1&journal=true")) {
				MongoCollection<Document> collection = client.getDatabase("crash").getCollection("docs");
				collection.insertOne(new Document("_id", -1)); // warm up the connection
				long start = System.nanoTime();
				for (int i = 0; i < n; i++) {
					collection.insertOne(new Document("_id", i).append("payload", "x".repeat(200)));
					acknowledged.add(i);
				}
				nanos = System.nanoTime() - start;
				// SIGKILL while the client is still connected, right after the last ack
				child.destroyForcibly();
			}
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		System.out.printf("durable store: %d acknowledged inserts in %d ms (%.0f inserts/s, one client)%n", n,
				nanos / 1_000_000, n / (nanos / 1e9));
		assertThat(acknowledged).hasSize(n);

		try (LocalMongoServer server = LocalMongoServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> collection = client.getDatabase("crash").getCollection("docs");
			Set<Integer> present = new HashSet<>();
			for (Document document : collection.find()) {
				present.add(document.getInteger("_id"));
			}
			List<Integer> lost = new ArrayList<>(acknowledged);
			lost.removeAll(present);
			assertThat(lost).as("acknowledged but lost after kill -9").isEmpty();
		}
	}

	private static int awaitPort(Process child, Path portFile, Path output) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!Files.exists(portFile)) {
			if (!child.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError("child did not start: " + Files.readString(output));
			}
			Thread.sleep(50);
		}
		return Integer.parseInt(Files.readString(portFile).trim());
	}

	private static void exerciseCrud(MongoClient client) {
		MongoCollection<Document> people = client.getDatabase("app").getCollection("people");
		people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
		people.insertOne(new Document("_id", "p1").append("email", "a@example.org").append("visits", 1));
		people.insertOne(new Document("_id", "p2").append("email", "b@example.org").append("visits", 5));

		assertThat(people.find(Filters.eq("email", "a@example.org")).first()).containsEntry("_id", "p1");
		assertThat(people.countDocuments(Filters.gt("visits", 2))).isEqualTo(1);

		people.updateOne(Filters.eq("_id", "p1"), Updates.inc("visits", 2));
		assertThat(people.find(Filters.eq("_id", "p1")).first()).containsEntry("visits", 3);

		assertThatThrownBy(() -> people.insertOne(new Document("_id", "p3").append("email", "a@example.org")))
			.isInstanceOfSatisfying(MongoWriteException.class, (ex) -> {
				assertThat(ex.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
				assertThat(ex.getCode()).isEqualTo(11000);
			});

		people.deleteOne(Filters.eq("_id", "p2"));
		assertThat(people.countDocuments()).isEqualTo(1);
	}

}
