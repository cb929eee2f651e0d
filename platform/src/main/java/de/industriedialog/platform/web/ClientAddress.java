package de.industriedialog.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from, as the gateway saw it: the <em>last</em> hop of
 * {@code X-Forwarded-For}. The gateway appends the address it received the request from;
 * everything before that was written by the client and proves nothing (taking the first
 * hop would let anyone dodge a rate limit with a made-up header). Without the header
 * (called directly), the remote address.
 *
 * <p>
 * One place for every service that limits public writes by address, so that they all
 * count the same client under the same key.
 */
public final class ClientAddress {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private ClientAddress() {
	}

	public static String of(HttpServletRequest request) {
		// The last header if a proxy added a second one instead of appending.
		String forwarded = null;
		for (var headers = request.getHeaders(FORWARDED_FOR); headers != null && headers.hasMoreElements();) {
			forwarded = headers.nextElement();
		}
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
