package de.industriedialog.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A browser-like client of the gateway for {@link DemoData}: keeps its cookies (session,
 * {@code XSRF-TOKEN}) and sends the CSRF token back as {@code X-XSRF-TOKEN} with every
 * write, as the web UI does (docs/adr/0006). One instance is one person: the logged-in
 * staff member, or an anonymous participant's phone.
 */
final class GatewayClient {

	private final HttpClient http;

	private final String baseUrl;

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	GatewayClient(HttpClient http, String baseUrl) {
		this.http = http;
		this.baseUrl = baseUrl;
	}

	/**
	 * Logs in with the login form.
	 * @throws IllegalStateException if the gateway did not open a session
	 */
	void logIn(String email, String password) throws IOException, InterruptedException {
		csrfToken();
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(this.cookies.get("XSRF-TOKEN"), StandardCharsets.UTF_8);
		Response answer = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		// Success redirects to "/", failure to "/login?error" or "/login?locked".
		String location = answer.location();
		if (answer.status() >= 400 || location == null || location.contains("/login")) {
			throw new IllegalStateException("Staff login at the gateway failed (" + answer.status() + ", " + location
					+ "); check secrets.properties in the data directory");
		}
		Response session = get("/api/session");
		if (session.status() != 200 || !session.body().contains("STAFF")) {
			throw new IllegalStateException(
					"Staff login at the gateway gave no staff session: " + session.status() + " " + session.body());
		}
	}

	Response get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	Response post(String path, String json) throws IOException, InterruptedException {
		csrfToken();
		return send(request(path).header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", this.cookies.get("XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.ofString((json != null) ? json : "")));
	}

	private void csrfToken() throws IOException, InterruptedException {
		if (!this.cookies.containsKey("XSRF-TOKEN")) {
			send(request("/login").GET());
			if (!this.cookies.containsKey("XSRF-TOKEN")) {
				throw new IllegalStateException("The gateway at " + this.baseUrl + " sent no XSRF-TOKEN cookie");
			}
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30));
	}

	private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = this.http.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		for (String header : response.headers().allValues("Set-Cookie")) {
			remember(header);
		}
		return new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Location").orElse(null));
	}

	private void remember(String setCookie) {
		String pair = setCookie.split(";", 2)[0];
		int equals = pair.indexOf('=');
		if (equals <= 0) {
			return;
		}
		String name = pair.substring(0, equals).strip();
		String value = pair.substring(equals + 1).strip();
		if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
			this.cookies.remove(name);
		}
		else {
			this.cookies.put(name, value);
		}
	}

	/** An answer of the gateway. */
	record Response(int status, String body, String location) {

		Object json() {
			return JsonReader.parse(this.body);
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/**
		 * @throws IllegalStateException unless the status is 2xx
		 */
		Response require(String what) {
			if (!ok()) {
				throw new IllegalStateException(what + ": " + this.status + " " + abbreviate(this.body));
			}
			return this;
		}

		private static String abbreviate(String text) {
			return (text == null || text.length() <= 300) ? text : text.substring(0, 300) + " …";
		}

	}

}
