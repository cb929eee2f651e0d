package de.industriedialog.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FaultProxyTest {

	private ServerSocket echo;

	private FaultProxy proxy;

	@BeforeEach
	void startEchoServerBehindAProxy() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread server = new Thread(() -> {
			while (!this.echo.isClosed()) {
				try {
					Socket socket = this.echo.accept();
					Thread connection = new Thread(() -> echo(socket));
					connection.setDaemon(true);
					connection.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		server.setDaemon(true);
		server.start();
		this.proxy = FaultProxy.start("test", freePort(), this.echo.getLocalPort());
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.echo.close();
	}

	@Test
	void shouldForwardBothWays() throws IOException {
		try (Socket client = connect()) {
			assertThat(roundTrip(client, "hallo")).isEqualTo("hallo");
			assertThat(roundTrip(client, "noch einmal")).isEqualTo("noch einmal");
		}
	}

	@Test
	void shouldCloseOpenConnectionsAndRefuseNewOnesWhileDownThenForwardAgain() throws Exception {
		Socket open = connect();
		assertThat(roundTrip(open, "vorher")).isEqualTo("vorher");

		this.proxy.fail(FaultProxy.Mode.DOWN, Instant.now().plusSeconds(30));
		assertThat(open.getInputStream().read()).as("the open connection is closed").isEqualTo(-1);
		assertRefused();
		assertThat(this.proxy.fault()).isEqualTo(FaultProxy.Mode.DOWN);

		this.proxy.heal();
		assertThat(this.proxy.fault()).isNull();
		try (Socket client = connect()) {
			assertThat(roundTrip(client, "nachher")).isEqualTo("nachher");
		}
	}

	@Test
	void shouldAcceptButNeverAnswerWhileSlowAndCloseThoseConnectionsWhenHealed() throws IOException {
		this.proxy.fail(FaultProxy.Mode.SLOW, Instant.now().plusSeconds(30));
		Socket hanging = connect();
		hanging.setSoTimeout(500);
		hanging.getOutputStream().write("hallo?".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> hanging.getInputStream().read());

		this.proxy.heal();
		hanging.setSoTimeout(5000);
		assertThat(hanging.getInputStream().read()).as("closed, so the client reconnects").isEqualTo(-1);
		try (Socket client = connect()) {
			assertThat(roundTrip(client, "wieder da")).isEqualTo("wieder da");
		}
	}

	@Test
	void shouldStartEndAndListFaultsOverHttpAndReportEach() throws Exception {
		List<String> reported = new CopyOnWriteArrayList<>();
		try (FaultControl control = FaultControl.start(List.of(this.proxy), 0, reported::add)) {
			HttpClient http = HttpClient.newHttpClient();
			String base = "http://127.0.0.1:" + control.port() + "/faults";
			HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/test?seconds=1"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(started.statusCode()).isEqualTo(202);
			assertThat(started.body()).contains("\"name\":\"test\"", "\"state\":\"down\"");
			assertThat(http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"state\":\"down\"", "\"until\":\"20");
			assertRefused();

			// ends by itself after the given seconds
			await().atMost(Duration.ofSeconds(10)).until(() -> this.proxy.fault() == null);
			try (Socket client = connect()) {
				assertThat(roundTrip(client, "zurück")).isEqualTo("zurück");
			}
			assertThat(reported).hasSize(2);
			assertThat(reported.get(0)).startsWith("Fault test (down) for 1 s");
			assertThat(reported.get(1)).startsWith("Fault test ended");

			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/test?seconds=60&mode=slow"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"state\":\"slow\"");
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/test")).DELETE().build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"state\":\"ok\"");
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/test?seconds=0"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(400);
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/nothing?seconds=5"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(404);
		}
	}

	/**
	 * Nobody listens on the proxy's port (soon: closing a server socket while a thread
	 * waits in accept() releases the kernel's listener only once that thread has left, so
	 * a connect in the first moment may still be taken). The port is an ephemeral one
	 * (the test picks a free port), so a connect may also get the same number as its own
	 * source port and connect to itself (TCP simultaneous open), which means nobody
	 * listens as well.
	 */
	private void assertRefused() throws Exception {
		for (int attempt = 0; attempt < 20; attempt++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.proxy.port()), 2000);
				if (socket.getLocalPort() == socket.getPort()) {
					return;
				}
			}
			catch (ConnectException refused) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the proxy still accepts connections 2 s into a DOWN fault");
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.proxy.port()), 2000);
		socket.setSoTimeout(5000);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		socket.getOutputStream().write(bytes);
		byte[] answer = socket.getInputStream().readNBytes(bytes.length);
		return new String(answer, StandardCharsets.UTF_8);
	}

	private static void echo(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// client gone
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
