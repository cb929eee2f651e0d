package de.industriedialog.contracts;

/**
 * Kafka topic names of the wire contract (see {@code asyncapi.yaml}). Topic names are
 * explicit and versioned; they never derive from Java names.
 */
public final class Topics {

	/**
	 * Lifecycle of the Steckbriefe, key = initiativeId, produced by initiative-registry.
	 */
	public static final String INITIATIVES_V1 = "dialog.initiatives.v1";

	/**
	 * Lifecycle of the dialogue events, key = eventId, produced by event-service.
	 */
	public static final String EVENTS_V1 = "dialog.events.v1";

	/**
	 * Registrations, waitlist and check-ins, key = eventId, produced by event-service.
	 */
	public static final String REGISTRATIONS_V1 = "dialog.registrations.v1";

	/**
	 * Anonymous feedback on the dialogue events, key = eventId, produced by
	 * evaluation-service.
	 */
	public static final String FEEDBACK_V1 = "dialog.feedback.v1";

	/**
	 * Infobrief subscribers and issues, key = subscriberId or issueId, produced by
	 * newsletter-service.
	 */
	public static final String NEWSLETTER_V1 = "dialog.newsletter.v1";

	/**
	 * Privacy requests (access, erasure) and the services' answers, key = requestId,
	 * produced by the gateway (requests) and every service holding personal data
	 * (answers); no personal data, only subject keys (docs/adr/0015).
	 */
	public static final String PRIVACY_V1 = "dialog.privacy.v1";

	/** Suffix of every dead-letter topic. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private Topics() {
	}

	/**
	 * The dead-letter topic of one consumer group on a topic:
	 * {@code <topic>.<group>.dlt}. There is one per group because each group fails on its
	 * own (docs/adr/0003).
	 * @param topic e.g. {@code dialog.initiatives.v1}
	 * @param consumerGroup e.g. {@code event-service}
	 * @return e.g. {@code dialog.initiatives.v1.event-service.dlt}
	 */
	public static String deadLetter(String topic, String consumerGroup) {
		if (topic == null || topic.isBlank() || topic.endsWith(DEAD_LETTER_SUFFIX)) {
			throw new IllegalArgumentException("'" + topic + "' is not a topic with a dead-letter topic");
		}
		if (consumerGroup == null || !consumerGroup.matches("[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("'" + consumerGroup + "' is not a consumer group name");
		}
		return topic + "." + consumerGroup + DEAD_LETTER_SUFFIX;
	}

}
