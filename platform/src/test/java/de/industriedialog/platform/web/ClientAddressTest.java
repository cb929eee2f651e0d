package de.industriedialog.platform.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

	@Test
	void shouldTakeTheHopTheGatewayAppendedElseTheRemoteAddress() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.0.0.9");
		assertThat(ClientAddress.of(request)).isEqualTo("10.0.0.9");

		request.addHeader("X-Forwarded-For", "203.0.113.7");
		assertThat(ClientAddress.of(request)).isEqualTo("203.0.113.7");
	}

	@Test
	void shouldIgnoreWhatTheClientWroteIntoTheHeaderItself() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		// The client sent "X-Forwarded-For: 1.2.3.4"; the gateway appended the real one.
		request.addHeader("X-Forwarded-For", "1.2.3.4, 198.51.100.23");
		assertThat(ClientAddress.of(request)).isEqualTo("198.51.100.23");
	}

	@Test
	void shouldTakeTheLastOfSeveralHeaders() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Forwarded-For", "1.2.3.4");
		request.addHeader("X-Forwarded-For", "198.51.100.24");
		assertThat(ClientAddress.of(request)).isEqualTo("198.51.100.24");
	}

}
