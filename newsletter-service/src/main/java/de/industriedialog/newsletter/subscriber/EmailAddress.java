package de.industriedialog.newsletter.subscriber;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks an address the way the mail will need it: RFC 822 syntax (strict), a bare
 * address without display name, a dot in the domain, at most 254 characters. The
 * confirmation mail is the real proof that it works.
 */
final class EmailAddress {

	static final int MAX_LENGTH = 254;

	private EmailAddress() {
	}

	/**
	 * @return a German message for the field {@code email}, or {@code null} if valid
	 */
	static String problem(String email) {
		if (email == null || email.isBlank()) {
			return "Bitte gib deine E-Mail-Adresse an.";
		}
		if (email.length() > MAX_LENGTH || !valid(email)) {
			return "„" + abbreviate(email) + "“ ist keine gültige E-Mail-Adresse (Beispiel: name@beispiel.de).";
		}
		return null;
	}

	private static boolean valid(String email) {
		try {
			InternetAddress address = new InternetAddress(email, true);
			address.validate();
			String bare = address.getAddress();
			int at = bare.lastIndexOf('@');
			String domain = (at > 0) ? bare.substring(at + 1) : "";
			return address.getPersonal() == null && bare.equals(email) && domain.contains(".")
					&& !domain.startsWith(".") && !domain.endsWith(".") && !domain.startsWith("[");
		}
		catch (AddressException ex) {
			return false;
		}
	}

	private static String abbreviate(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "…" : value;
	}

}
