package de.industriedialog.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a service over HTTP the way the gateway does: JSON bodies and, where given, the
 * relayed token as {@code Authorization: Bearer}. The base URL is asked for on every
 * call, so a test can hand in a supplier that reads the random port once the server is
 * up.
 */
public final class ServiceClient {

	private final Supplier<String> baseUrl;

	private final JsonMapper json;

	private final HttpClient http;

	/**
	 * A client with a default {@link HttpClient}.
	 * @param baseUrl supplies the base URL such as {@code http://localhost:8080}, asked
	 * for on every call
	 * @param json writes the request bodies and reads the responses
	 */
	public ServiceClient(Supplier<String> baseUrl, JsonMapper json) {
		this(baseUrl, json, HttpClient.newHttpClient());
	}

	/**
	 * A client with the given {@link HttpClient}, for example one with a larger executor
	 * for many concurrent calls.
	 * @param baseUrl supplies the base URL such as {@code http://localhost:8080}, asked
	 * for on every call
	 * @param json writes the request bodies and reads the responses
	 * @param http sends the requests
	 */
	public ServiceClient(Supplier<String> baseUrl, JsonMapper json, HttpClient http) {
		this.baseUrl = baseUrl;
		this.json = json;
		this.http = http;
	}

	public HttpResponse<String> get(String path) {
		return get(path, null);
	}

	public HttpResponse<String> get(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), token);
	}

	public HttpResponse<String> delete(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE(), token);
	}

	/** A POST without a body (and without a {@code Content-Type}). */
	public HttpResponse<String> post(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
	}

	/**
	 * A POST with the body as JSON; a {@code null} body is sent like
	 * {@link #post(String, String)}.
	 */
	public HttpResponse<String> post(String path, String token, Object body) {
		if (body == null) {
			return post(path, token);
		}
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body))), token);
	}

	public HttpResponse<String> put(String path, String token, Object body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body))), token);
	}

	/** Sends a request built by the caller, with the token if there is one. */
	public HttpResponse<String> send(HttpRequest.Builder request, String token) {
		return send(request, token, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends a request built by the caller (to this service or any other address), with
	 * the token if there is one.
	 */
	public <T> HttpResponse<T> send(HttpRequest.Builder request, String token, HttpResponse.BodyHandler<T> handler) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), handler);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The address of the path on this service. */
	public URI uri(String path) {
		return URI.create(this.baseUrl.get() + path);
	}

	/** The body of a successful (2xx) response as JSON. */
	public JsonNode body(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return this.json.readTree(response.body());
	}

	/** The body of an RFC 9457 problem response. */
	public JsonNode problem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return this.json.readTree(response.body());
	}

}
