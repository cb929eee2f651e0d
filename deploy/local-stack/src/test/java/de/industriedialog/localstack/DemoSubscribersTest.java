package de.industriedialog.localstack;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSubscribersTest {

	@Test
	void shouldSpreadTheDemoSubscribersOverEveryAudienceAndBothKindsOfRegionalInterest() {
		Set<String> emails = new HashSet<>();
		Set<String> audiences = new HashSet<>();
		Set<String> states = new HashSet<>();
		int bundesweit = 0;
		for (int index = 0; index < DemoSubscribers.COUNT; index++) {
			DemoSubscribers.Planned planned = DemoSubscribers.Planned.of(index);
			emails.add(planned.email());
			audiences.addAll(planned.audiences());
			states.addAll(planned.states());
			bundesweit += planned.states().isEmpty() ? 1 : 0;
			assertThat(planned.email()).endsWith("@example.org");
			assertThat(planned.audiences()).isNotEmpty().doesNotHaveDuplicates();
		}
		assertThat(emails).hasSize(DemoSubscribers.COUNT);
		assertThat(audiences).containsExactlyInAnyOrderElementsOf(DemoSubscribers.AUDIENCES);
		assertThat(bundesweit).isEqualTo(8);
		assertThat(states).hasSizeGreaterThan(8);
	}

	@Test
	void shouldWriteTheSubscribeRequestTheFormSends() {
		String json = DemoSubscribers.subscription(DemoSubscribers.Planned.of(1), "infobrief-2026-11");
		assertThat(JsonReader.string(JsonReader.parse(json), "email")).isEqualTo("infobrief-demo-02@example.org");
		assertThat(JsonReader.list(JsonReader.parse(json), "audiences")).containsExactly("ALLIANCE_PARTNER");
		assertThat(JsonReader.list(JsonReader.parse(json), "states")).containsExactly("DE-BY");
		assertThat(JsonReader.string(JsonReader.parse(json), "consentTextVersion")).isEqualTo("infobrief-2026-11");
		assertThat(IntStream.range(0, 3).mapToObj(DemoSubscribers.Planned::of).map(DemoSubscribers.Planned::states))
			.first()
			.asList()
			.isEmpty();
	}

}
