package de.industriedialog.newsletter.subscriber;

import de.industriedialog.newsletter.NewsletterProperties;

import org.springframework.stereotype.Component;

/**
 * The consent text the subscribe form shows, and its version. A request naming another
 * version is refused, so the consent history says exactly what the person agreed to:
 * change {@link #TEXT} only together with
 * {@code industriedialog.newsletter.consent-text-version}.
 */
@Component
public class ConsentText {

	static final String TEXT = "Ja, ich möchte den Infobrief des Industriedialogs per E-Mail erhalten. "
			+ "Dafür speichert die Geschäftsstelle meine E-Mail-Adresse, meinen Namen (falls angegeben), meine "
			+ "Gruppe und die gewählten Bundesländer sowie wann ich mich an- und abgemeldet habe. Meine Angaben "
			+ "werden nur für den Infobrief genutzt und nicht weitergegeben. Ich kann mich jederzeit über den Link "
			+ "in jeder E-Mail abmelden; dann bekomme ich keinen Infobrief mehr.";

	private final String version;

	ConsentText(NewsletterProperties properties) {
		this.version = properties.consentTextVersion();
	}

	public String text() {
		return TEXT;
	}

	public String version() {
		return this.version;
	}

}
