package de.industriedialog.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalStackTest {

	@Test
	void shouldParseOptionsWhenGiven() {
		LocalStack.Options options = LocalStack.Options.parse("--reset", "--data-dir=/tmp/x", "--port-offset=100",
				"--no-services", "--timeout=30");
		assertThat(options.reset).isTrue();
		assertThat(options.dataDir).isEqualTo("/tmp/x");
		assertThat(options.portOffset).isEqualTo(100);
		assertThat(options.noServices).isTrue();
		assertThat(options.timeoutSeconds).isEqualTo(30);
		assertThat(LocalStack.Options.parse().timeoutSeconds).isEqualTo(180);
		assertThat(LocalStack.Options.parse().noDemoData).isFalse();
		assertThat(LocalStack.Options.parse("--no-demo-data").noDemoData).isTrue();
		assertThat(LocalStack.Options.parse().faultProxies).isFalse();
		assertThat(LocalStack.Options.parse("--fault-proxies").faultProxies).isTrue();
	}

	@Test
	void shouldLoadDemoDataUnlessSwitchedOff() {
		assertThat(DemoData.wanted(false, null)).isTrue();
		assertThat(DemoData.wanted(false, "true")).isTrue();
		assertThat(DemoData.wanted(true, null)).isFalse();
		for (String off : List.of("false", "FALSE", " off ", "no", "0")) {
			assertThat(DemoData.wanted(false, off)).as(off).isFalse();
		}
	}

	@Test
	void shouldAdvertiseTheFaultProxysPortWhileListeningOnItsOwn(@TempDir Path dir) {
		// Clients connect to the advertised address after their first metadata request:
		// behind a proxy it must be the proxy's, or they would go around it.
		var config = LocalKafka.config(dir, 9092, 9093, 9192);
		assertThat(config.getProperty("listeners")).contains("PLAINTEXT://127.0.0.1:9092");
		assertThat(config.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9192");
		assertThat(LocalKafka.config(dir, 9092, 9093).getProperty("advertised.listeners"))
			.isEqualTo("PLAINTEXT://127.0.0.1:9092");
	}

	@Test
	void shouldRejectOptionsWhenUnknownOrMalformed() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--frobnicate"))
			.withMessageContaining("--frobnicate");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--port-offset=abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.Options.parse("--port-offset=-1"));
	}

	@Test
	void shouldListEveryOptionWhenPrintingUsage() {
		assertThat(LocalStack.usage()).contains("--reset", "--data-dir", "--port-offset", "--no-services", "--timeout",
				"--no-demo-data", "--fault-proxies", "/faults/", "DEMO_DATA", "SERVICE_JAVA_OPTS", "-XX:+UseSerialGC");
	}

	@Test
	void shouldReturnTheLastLinesWhenTailingALog(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("x.log");
		Files.write(log, IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).toList());
		assertThat(LocalStack.tail(log, 30)).hasSize(30).startsWith("71").endsWith("100");
		assertThat(LocalStack.tail(dir.resolve("missing.log"), 30)).singleElement()
			.asString()
			.startsWith("(cannot read");
	}

	@Test
	void shouldEscapeMarkupWhenWritingHtmlAndJson() {
		assertThat(Html.escape("<a href=\"x\">'&'</a>"))
			.isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
		assertThat(Json.string("a\"b\\c\n</script>")).isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\"");
		assertThat(Json.string(null)).isEqualTo("null");
	}

}
