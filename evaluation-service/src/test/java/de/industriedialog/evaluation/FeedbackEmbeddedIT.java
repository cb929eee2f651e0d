package de.industriedialog.evaluation;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import de.industriedialog.localstack.FaultProxy;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feedback tests against an in-JVM KRaft broker and the Mongo-compatible server over
 * TCP, reached through a fault proxy; and what becomes of an answer when the connection
 * to the store is cut right after the participant's token was spent.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(FeedbackEmbeddedIT.StoreCut.class)
@TestPropertySource(properties = { // long enough for the participant's second try in the
									// first test to come first
		"industriedialog.feedback.unfinished-grace=PT15S",
		"industriedialog.feedback.unfinished-recovery-interval=PT1S" })
class FeedbackEmbeddedIT extends FeedbackIntegrationTests {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final FaultProxy store = FaultProxy.start("store", freePort(), server.port());

	/** The collection whose next write that spends a right cuts the connection. */
	static final AtomicReference<String> cutAfterSpendingIn = new AtomicReference<>();

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		// short timeouts, so that a request during the cut fails within seconds
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + store.port()
				+ "/evaluation_service?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000&socketTimeoutMS=5000");
	}

	@AfterEach
	void healTheStore() {
		cutAfterSpendingIn.set(null);
		store.heal();
	}

	@AfterAll
	static void stopMongo() {
		store.close();
		server.close();
	}

	@Override
	String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Test
	void shouldStoreAnAnswerWhoseRequestEndedBetweenSpendingTheTokenAndStoringTheAnswer() {
		String eventId = scheduledEvent();
		String token = randomToken();
		checkIn(eventId, token, 2);
		awaitForm("token=" + token);
		Map<String, Object> answer = answer(Map.of("Q1", "FULLY", "Q2", "GOOD"));
		answer.put("token", token);
		answer.put("participantGroup", "PUPIL");

		cutAfterSpendingIn.set("feedback_tokens");
		HttpResponse<String> cut = this.http.post("/api/feedback", null, answer);
		assertThat(cut.statusCode()).as(cut.body()).isEqualTo(503);
		assertThat(cut.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(cut.body()).contains("in einigen Sekunden noch einmal");
		store.heal();

		// The participant presses the button again and is told the answer was sent; the
		// recovery (every second here, after a grace of 3 s) makes that true: the answer
		// they sent is stored once and announced once.
		HttpResponse<String> again = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.http.post("/api/feedback", null, answer), (response) -> response.statusCode() < 500);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
		assertThat(again.body()).contains(USED);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.mongo.find(responsesOf(eventId), Document.class, "feedback_responses"))
				.singleElement()
				.satisfies((stored) -> assertThat(stored.get("answers", Document.class)).containsEntry("Q1", "FULLY")));
		assertThat(feedbackOf(eventId, 1)).hasSize(1);
		assertThat(spentTokensHoldingAResponse()).isEmpty();
		assertThat(this.http.get("/api/feedback/forms?token=" + token).statusCode()).isEqualTo(409);
	}

	private java.util.List<Document> spentTokensHoldingAResponse() {
		return this.mongo.find(
				org.springframework.data.mongodb.core.query.Query.query(
						org.springframework.data.mongodb.core.query.Criteria.where("unfinishedResponse").exists(true)),
				Document.class, "feedback_tokens");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Cuts the connection to the store (the proxy refuses it) right after the store
	 * acknowledged the write that spends a right, so the request ends between its writes
	 * as if the process had died there or the network had gone.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class StoreCut {

		@Bean
		MongoClientSettingsBuilderCustomizer cutAfterSpending() {
			Set<Integer> spending = ConcurrentHashMap.newKeySet();
			return (settings) -> settings.addCommandListener(new CommandListener() {

				@Override
				public void commandStarted(CommandStartedEvent event) {
					String collection = cutAfterSpendingIn.get();
					if (collection != null && event.getCommand().containsKey(event.getCommandName())
							&& event.getCommand().get(event.getCommandName()).isString()
							&& event.getCommand().getString(event.getCommandName()).getValue().equals(collection)
							&& event.getCommand().toJson().contains("unfinishedResponse")) {
						spending.add(event.getRequestId());
					}
				}

				@Override
				public void commandSucceeded(CommandSucceededEvent event) {
					if (spending.remove(event.getRequestId()) && cutAfterSpendingIn.getAndSet(null) != null) {
						store.fail(FaultProxy.Mode.DOWN, Instant.now().plusSeconds(60));
					}
				}

			});
		}

	}

}
