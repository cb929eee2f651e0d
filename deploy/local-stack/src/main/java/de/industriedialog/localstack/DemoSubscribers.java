package de.industriedialog.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infobrief subscribers for the demo, made the way a person does it: the subscribe form's
 * request through the gateway, the confirmation mail read back from the local mail
 * catcher, and the link in it followed. So the double opt-in, the consent record and the
 * {@code SubscriberConfirmed} events behind the dashboard's newsletter figures are all
 * real.
 */
final class DemoSubscribers {

	/**
	 * Audiences and Länder are spread so that every filter of the staff list shows
	 * something.
	 */
	static final List<String> AUDIENCES = List.of("INITIATIVE_REPRESENTATIVE", "ALLIANCE_PARTNER", "COMPANY",
			"ASSOCIATION", "UNION", "PUBLIC");

	static final List<String> STATES = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
			"DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");

	static final int COUNT = 24;

	private static final Pattern CONFIRMATION = Pattern
		.compile("newsletter-bestaetigen\\.html\\?token=([A-Za-z0-9_.~%-]+)");

	private final HttpClient http;

	private final String gateway;

	private final String mailWeb;

	DemoSubscribers(HttpClient http, String gateway, String mailWeb) {
		this.http = http;
		this.gateway = gateway;
		this.mailWeb = mailWeb;
	}

	/** The demo subscriber {@code index} (0-based): address, audiences and Länder. */
	record Planned(String email, List<String> audiences, List<String> states) {

		static Planned of(int index) {
			String email = String.format(Locale.ROOT, "infobrief-demo-%02d@example.org", index + 1);
			List<String> audiences = new ArrayList<>(List.of(AUDIENCES.get(index % AUDIENCES.size())));
			if (index % 4 == 0) {
				audiences.add(AUDIENCES.get((index + 3) % AUDIENCES.size()));
			}
			// Every third is interested in all of Germany (no Land chosen).
			List<String> states = (index % 3 == 0) ? List.of() : List.of(STATES.get(index % STATES.size()));
			return new Planned(email, audiences, states);
		}

	}

	/**
	 * Subscribes and confirms every demo address; an address confirmed before stays as it
	 * is (the service answers the same and mails nothing).
	 * @return how many were confirmed now
	 */
	int load(String consentTextVersion) throws IOException, InterruptedException {
		int confirmed = 0;
		for (int index = 0; index < COUNT; index++) {
			Planned planned = Planned.of(index);
			GatewayClient person = new GatewayClient(this.http, this.gateway);
			person.post("/api/newsletter/subscriptions", subscription(planned, consentTextVersion))
				.require("Subscribing " + planned.email());
			String token = awaitConfirmationToken(planned.email());
			if (token == null) {
				// Confirmed on an earlier start: no new mail, nothing to do.
				continue;
			}
			GatewayClient.Response answer = person.post("/api/newsletter/subscriptions/confirm",
					"{\"token\":\"" + token + "\"}");
			if (answer.ok()) {
				confirmed++;
			}
		}
		return confirmed;
	}

	static String subscription(Planned planned, String consentTextVersion) {
		StringBuilder json = new StringBuilder("{\"email\":\"").append(planned.email())
			.append("\",\"audiences\":")
			.append(array(planned.audiences()))
			.append(",\"states\":")
			.append(array(planned.states()))
			.append(",\"consentTextVersion\":\"")
			.append(consentTextVersion)
			.append("\",\"source\":\"demo\"}");
		return json.toString();
	}

	private static String array(List<String> values) {
		return values.stream()
			.map((value) -> "\"" + value + "\"")
			.reduce((a, b) -> a + "," + b)
			.map((s) -> "[" + s + "]")
			.orElse("[]");
	}

	/**
	 * The token of the newest confirmation mail to the address, waiting a little for it.
	 */
	private String awaitConfirmationToken(String email) throws IOException, InterruptedException {
		for (int attempt = 0; attempt < 40; attempt++) {
			Object list = JsonReader.parse(get("/api/messages?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8)));
			for (Object message : JsonReader.list(list)) {
				String id = String.valueOf(JsonReader.at(message, "id"));
				String detail = get("/api/messages/" + id);
				Matcher matcher = CONFIRMATION.matcher(detail);
				if (matcher.find()) {
					return matcher.group(1);
				}
			}
			Thread.sleep(250);
		}
		return null;
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.mailWeb + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() != 200) {
			throw new IOException("Mail catcher answered " + response.statusCode() + " for " + path);
		}
		return response.body();
	}

}
