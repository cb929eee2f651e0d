package de.industriedialog.events.initiative;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The replica of initiatives fed through a real broker. */
@SpringBootTest(properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
abstract class InitiativeReplicationIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	InitiativeReplication replication;

	abstract String bootstrapServers();

	@Test
	void shouldKnowAPublishedInitiativeAndForgetItWhenWithdrawn() {
		String id = "replica-" + UUID.randomUUID();
		send("SteckbriefPublished", id, Map.of("name", "Zukunft durch Industrie e.V.", "level", "REGIONAL", "type",
				"MEASURE", "state", "DE-NW", "version", 1));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.replication.find(id)).hasValueSatisfying((replica) -> {
				assertThat(replica.published()).isTrue();
				assertThat(replica.name()).isEqualTo("Zukunft durch Industrie e.V.");
				assertThat(replica.state()).isEqualTo("DE-NW");
			}));

		send("SteckbriefWithdrawn", id, Map.of("version", 2));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.replication.find(id))
				.hasValueSatisfying((replica) -> assertThat(replica.published()).isFalse()));
		assertThat(this.replication.find(id).orElseThrow().appliedEventIds()).hasSize(2);
	}

	private void send(String eventType, String id, Map<String, Object> fields) {
		Map<String, Object> payload = new LinkedHashMap<>(fields);
		payload.put("initiativeId", id);
		payload.put("occurredAt", Instant.now().toString());
		if (eventType.equals("SteckbriefPublished")) {
			payload.put("actorGroups", List.of());
			payload.put("goalCategories", List.of());
		}
		String value = this.json.writeValueAsString(payload);
		assertThat(EventContracts.fromClasspath().violations(eventType, value)).isEmpty();
		KafkaTopics.send(bootstrapServers(), "dialog.initiatives.v1", id,
				Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
						CloudEventHeaders.TYPE, CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE,
						"/initiative-registry", CloudEventHeaders.SUBJECT, id, CloudEventHeaders.TIME,
						Instant.now().toString()),
				value);
	}

}
