package de.industriedialog.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP endpoint that starts and ends faults of the {@link FaultProxy fault proxies},
 * on 127.0.0.1 only (anyone who can reach it can break the stack):
 * <ul>
 * <li>{@code POST /faults/{name}?seconds=N[&mode=down|slow]}: a fault of N seconds (1 to
 * 3600, default 30), {@code down} (refused, the default) or {@code slow} (accepted, never
 * answered); 202 with the proxy's state. A new fault replaces a running one.</li>
 * <li>{@code DELETE /faults/{name}}: ends a fault now.</li>
 * <li>{@code GET /faults}: every proxy with port, target, state and end of the
 * fault.</li>
 * </ul>
 * Each fault's start and end go to {@code report} (console and launcher log).
 */
final class FaultControl implements AutoCloseable {

	private static final Pattern FAULT_PATH = Pattern.compile("/faults/([a-z]+)/?");

	private final Map<String, FaultProxy> proxies = new LinkedHashMap<>();

	private final Map<String, ScheduledFuture<?>> endings = new LinkedHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "fault-timer");
		thread.setDaemon(true);
		return thread;
	});

	private final Consumer<String> report;

	private final HttpServer http;

	private FaultControl(List<FaultProxy> proxies, int port, Consumer<String> report) throws IOException {
		proxies.forEach((proxy) -> this.proxies.put(proxy.name(), proxy));
		this.report = report;
		this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		this.http.createContext("/faults", this::handle);
		this.http.setExecutor(Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "fault-control");
			thread.setDaemon(true);
			return thread;
		}));
		this.http.start();
	}

	/**
	 * Serves the endpoint for these proxies.
	 * @param proxies the proxies, addressed by their names
	 * @param port the HTTP port on 127.0.0.1
	 * @param report where the start and end of each fault are told
	 * @return the running endpoint; closing it closes the proxies too
	 */
	static FaultControl start(List<FaultProxy> proxies, int port, Consumer<String> report) {
		try {
			return new FaultControl(proxies, port, report);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot serve the fault control on port " + port + ": " + ex, ex);
		}
	}

	int port() {
		return this.http.getAddress().getPort();
	}

	FaultProxy proxy(String name) {
		return this.proxies.get(name);
	}

	/**
	 * Starts a fault that ends by itself after {@code duration}.
	 * @throws IllegalArgumentException for an unknown proxy
	 */
	synchronized void fail(String name, FaultProxy.Mode mode, Duration duration) {
		FaultProxy proxy = this.proxies.get(name);
		if (proxy == null) {
			throw new IllegalArgumentException("unknown proxy " + name + "; known: " + this.proxies.keySet());
		}
		ScheduledFuture<?> previous = this.endings.remove(name);
		if (previous != null) {
			previous.cancel(false);
		}
		proxy.fail(mode, Instant.now().plus(duration));
		this.report.accept("Fault " + name + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ") for "
				+ duration.toSeconds() + " s: port " + proxy.port() + " "
				+ ((mode == FaultProxy.Mode.DOWN) ? "refuses connections" : "accepts and never answers")
				+ ", open connections closed");
		this.endings.put(name, this.timer.schedule(() -> heal(name), duration.toMillis(), TimeUnit.MILLISECONDS));
	}

	synchronized void heal(String name) {
		FaultProxy proxy = this.proxies.get(name);
		if (proxy == null) {
			throw new IllegalArgumentException("unknown proxy " + name + "; known: " + this.proxies.keySet());
		}
		ScheduledFuture<?> ending = this.endings.remove(name);
		if (ending != null) {
			ending.cancel(false);
		}
		if (proxy.fault() != null) {
			proxy.heal();
			this.report.accept(
					"Fault " + name + " ended: port " + proxy.port() + " forwards to " + proxy.targetPort() + " again");
		}
	}

	@Override
	public void close() {
		this.http.stop(0);
		this.timer.shutdownNow();
		((java.util.concurrent.ExecutorService) this.http.getExecutor()).shutdownNow();
		this.proxies.values().forEach(FaultProxy::close);
	}

	@Override
	public String toString() {
		return "fault control on port " + port();
	}

	private void handle(HttpExchange exchange) throws IOException {
		// close after the error answer, not before (as try-with-resources would)
		try {
			route(exchange);
		}
		catch (IllegalArgumentException ex) {
			send(exchange, 400, "{\"error\":" + Json.string(ex.getMessage()) + "}");
		}
		finally {
			exchange.close();
		}
	}

	private void route(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		Matcher matcher = FAULT_PATH.matcher(path);
		if (path.equals("/faults") || path.equals("/faults/")) {
			if (!method.equals("GET")) {
				send(exchange, 405, "{\"error\":\"GET /faults, POST or DELETE /faults/{name}\"}");
				return;
			}
			send(exchange, 200, json());
		}
		else if (matcher.matches() && this.proxies.containsKey(matcher.group(1))) {
			String name = matcher.group(1);
			if (method.equals("POST")) {
				int seconds = Integer.parseInt(parameter(exchange.getRequestURI(), "seconds", "30"));
				if (seconds < 1 || seconds > 3600) {
					throw new IllegalArgumentException("seconds must be 1 to 3600");
				}
				fail(name, FaultProxy.Mode.parse(parameter(exchange.getRequestURI(), "mode", "down")),
						Duration.ofSeconds(seconds));
				send(exchange, 202, json(this.proxies.get(name)));
			}
			else if (method.equals("DELETE")) {
				heal(name);
				send(exchange, 200, json(this.proxies.get(name)));
			}
			else {
				send(exchange, 405, "{\"error\":\"POST or DELETE\"}");
			}
		}
		else {
			send(exchange, 404,
					"{\"error\":" + Json.string("no proxy at " + path + "; known: " + this.proxies.keySet()) + "}");
		}
	}

	private synchronized String json() {
		StringBuilder json = new StringBuilder("[");
		for (FaultProxy proxy : this.proxies.values()) {
			json.append((json.length() > 1) ? "," : "").append(json(proxy));
		}
		return json.append(']').toString();
	}

	private static String json(FaultProxy proxy) {
		FaultProxy.Mode fault = proxy.fault();
		Instant until = proxy.faultUntil();
		return "{\"name\":" + Json.string(proxy.name()) + ",\"port\":" + proxy.port() + ",\"targetPort\":"
				+ proxy.targetPort() + ",\"state\":"
				+ Json.string((fault == null) ? "ok" : fault.name().toLowerCase(java.util.Locale.ROOT)) + ",\"until\":"
				+ ((until == null) ? "null" : Json.string(until.toString())) + ",\"connections\":" + proxy.connections()
				+ ",\"accepted\":" + proxy.acceptedConnections() + "}";
	}

	private static String parameter(URI uri, String name, String fallback) {
		String query = uri.getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
					return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				}
			}
		}
		return fallback;
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
