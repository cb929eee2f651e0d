package de.industriedialog.evaluation.feedback.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from, as the gateway saw it: the <em>last</em> hop of
 * {@code X-Forwarded-For}. The gateway appends the address it received the request from;
 * everything before that was written by the client and proves nothing (taking the first
 * hop would let anyone dodge the rate limit with a made-up header). Without the header
 * (called directly), the remote address.
 */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(HttpServletRequest request) {
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded != null) {
			String[] hops = forwarded.split(",");
			String last = hops[hops.length - 1].strip();
			if (!last.isEmpty()) {
				return last;
			}
		}
		return request.getRemoteAddr();
	}

}
