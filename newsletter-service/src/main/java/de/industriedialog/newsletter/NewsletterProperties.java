package de.industriedialog.newsletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Infobrief ({@code industriedialog.newsletter.*}).
 *
 * @param confirmationValidity how long a double opt-in link works
 * @param confirmationResendInterval repeated subscriptions of a pending address get at
 * most one confirmation mail per interval, so the form cannot be used to flood a mailbox
 * @param confirmationMaxMails confirmation mails per pending subscription at most
 * @param consentTextVersion the version of the consent text the subscribe form shows; a
 * request naming another version is refused, so the consent record says what was shown
 * @param from sender of all newsletter mails
 * @param imprint imprint line at the foot of every mail
 * @param delivery how Infobriefe are sent
 * @param retention how long personal data nobody needs any more is kept
 */
@ConfigurationProperties("industriedialog.newsletter")
public record NewsletterProperties(@DefaultValue("48h") Duration confirmationValidity,
		@DefaultValue("10m") Duration confirmationResendInterval, @DefaultValue("5") int confirmationMaxMails,
		@DefaultValue("infobrief-2026-11") String consentTextVersion,
		@DefaultValue("Industriedialog <infobrief@industriedialog.de>") String from,
		@DefaultValue("Geschäftsstelle Industriedialog") String imprint, @DefaultValue Delivery delivery,
		@DefaultValue Retention retention) {

	/**
	 * @param ratePerSecond mails per second of one send; 0 = no throttling
	 * @param connections parallel SMTP connections, each kept open for many mails
	 * @param batchSize deliveries claimed at once
	 * @param maxAttempts attempts per recipient on temporary errors before the delivery
	 * fails for good
	 * @param retryBackoff wait before the first retry; doubled each time
	 * @param retryBackoffMax longest wait between retries
	 * @param lease a send whose instance stopped renewing its lease for this long is
	 * taken over by another instance (or the restarted one)
	 */
	public record Delivery(@DefaultValue("50") double ratePerSecond, @DefaultValue("4") int connections,
			@DefaultValue("200") int batchSize, @DefaultValue("5") int maxAttempts,
			@DefaultValue("30s") Duration retryBackoff, @DefaultValue("30m") Duration retryBackoffMax,
			@DefaultValue("30s") Duration lease) {
	}

	/**
	 * Periods of the daily retention job (issue 16, docs/adr/0014).
	 *
	 * @param unconfirmedGrace an unconfirmed subscription is deleted this long after its
	 * last confirmation link expired
	 * @param deliveryAddresses the address copies on the delivery records of a send are
	 * dropped this long after the send finished (its report period); counts and states
	 * stay
	 * @param unsubscribed a subscriber document that ended (unsubscribed or bounced) is
	 * deleted this long after the end, consent history and all; the suppression entry
	 * stays. A former subscriber who asked again and did not confirm is kept at least as
	 * long, since the document still holds the record of the earlier consent.
	 */
	public record Retention(@DefaultValue("7d") Duration unconfirmedGrace,
			@DefaultValue("30d") Duration deliveryAddresses, @DefaultValue("30d") Duration unsubscribed) {
	}

}
