package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The KPI view after a fact write whose answer was lost: the store applied the write, the
 * connection broke before the answer came back (what the chaos test's store cut does),
 * and the consumer's retry finds the fact applied. The figures must count it all the
 * same. Real store over TCP; the lost answer is the driver's exception thrown after the
 * real write.
 */
class KpiViewUnknownOutcomeIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	final KpiFacts facts = new KpiFacts(new MongoTemplate(client, "kpi_unknown_outcome"));

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void shouldCountAWriteWhoseAnswerWasLostOnceTheRetryFindsItApplied() {
		// The initiatives are not part of this: none.
		InitiativeFacts initiatives = mock(InitiativeFacts.class);
		given(initiatives.all()).willReturn(List.of());
		KpiView view = new KpiView(this.facts, initiatives);
		view.afterSingletonsInstantiated();
		FeedbackFact fact = new FeedbackFact("response-1", "event-1", "PROFESSIONAL", Map.of("q1", "5"));
		Instant now = Instant.now();

		assertThatThrownBy(() -> view.record((state) -> state.change(fact, now), () -> {
			this.facts.apply(fact, now);
			throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
		})).isInstanceOf(MongoSocketReadException.class);
		// The consumer retries: the fact is there, the write reports no change.
		view.record((state) -> state.change(fact, now), () -> this.facts.apply(fact, now));

		assertThat(view.<Long>read((state) -> state.aggregate("event-1").responses)).isEqualTo(1L);
		// A duplicate after that changes nothing.
		view.record((state) -> state.change(fact, now), () -> this.facts.apply(fact, now));
		assertThat(view.<Long>read((state) -> state.aggregate("event-1").responses)).isEqualTo(1L);
	}

}
