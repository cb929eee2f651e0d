package de.industriedialog.localstack;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonReaderTest {

	@Test
	void shouldReadNestedObjectsArraysAndEscapes() {
		Object json = JsonReader
			.parse(" {\"content\": [{\"id\": \"a\", \"name\": \"Caf\\u00e9 \\\"Zukunft\\\"\\n\"}, {\"id\": \"b\"}],"
					+ " \"page\": {\"totalElements\": 2, \"ratio\": -1.5e2}, \"ok\": true, \"none\": null, \"empty\": [], \"o\": {}} ");
		assertThat(JsonReader.string(json, "content", 0, "name")).isEqualTo("Café \"Zukunft\"\n");
		assertThat(JsonReader.list(json, "content")).hasSize(2);
		assertThat(JsonReader.number(json, "page", "totalElements")).isEqualTo(2);
		assertThat(JsonReader.at(json, "page", "ratio")).isEqualTo(new BigDecimal("-1.5e2"));
		assertThat(JsonReader.at(json, "ok")).isEqualTo(Boolean.TRUE);
		assertThat(JsonReader.at(json, "none")).isNull();
		assertThat(JsonReader.list(json, "empty")).isEmpty();
		assertThat(JsonReader.at(json, "content", 5)).isNull();
		assertThat(JsonReader.string(json, "missing", "deeper")).isNull();
	}

	@Test
	void shouldReadWhatJsonWrites() {
		String text = "a\"b\\c\n</script> ü";
		assertThat(JsonReader.parse(Json.string(text))).isEqualTo(text);
	}

	@Test
	void shouldRefuseWhatIsNoJson() {
		for (String broken : List.of("", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "nope", "\"open")) {
			assertThatIllegalArgumentException().as(broken).isThrownBy(() -> JsonReader.parse(broken));
		}
	}

}
