package de.industriedialog.platform.web;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A store outage is a reason to try again, not an internal error: whether Spring
 * translated the driver's exception or code met it untranslated, the answer is 503 with
 * Retry-After.
 */
class GermanProblemDetailsTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
		.setControllerAdvice(new GermanProblemDetails())
		.build();

	@Test
	void shouldAnswerATranslatedStoreOutageWith503AndRetryAfter() throws Exception {
		this.mvc.perform(get("/translated"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.detail", containsString("in einigen Sekunden noch einmal")));
	}

	@Test
	void shouldAnswerAnUntranslatedDriverConnectionErrorWith503() throws Exception {
		this.mvc.perform(get("/untranslated"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void shouldStillAnswerOtherFailuresWith500() throws Exception {
		this.mvc.perform(get("/bug")).andExpect(status().isInternalServerError());
	}

	@RestController
	static class FailingController {

		@GetMapping("/translated")
		String translated() {
			throw new DataAccessResourceFailureException("store away");
		}

		@GetMapping("/untranslated")
		String untranslated() {
			throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalStateException("bug");
		}

	}

}
