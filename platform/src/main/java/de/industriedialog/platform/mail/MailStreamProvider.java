package de.industriedialog.platform.mail;

/**
 * Names Jakarta Mail's stream provider as a system property. Jakarta Mail 2.1 looks it up
 * with a ServiceLoader scan of the whole class path for every body part it creates or
 * writes (jakartaee/mail-api#861); with the property it is a cached class lookup. The
 * scan cost more than the SMTP round trips in the Infobrief send benchmark and a third of
 * the confirmation mailer's time in the registration load test.
 */
public final class MailStreamProvider {

	static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

	private MailStreamProvider() {
	}

	/**
	 * Sets the property unless it is set already; call before the first mail is built.
	 */
	public static void nameExplicitly() {
		System.getProperties().putIfAbsent(PROPERTY, ANGUS);
	}

}
