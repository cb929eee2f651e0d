package de.industriedialog.contracts;

/**
 * Kafka header names and constants of the CloudEvents 1.0 envelope in Kafka binary mode,
 * as used on every {@code dialog.*} topic. The payload is the JSON event itself; the
 * envelope attributes travel as headers with the {@code ce_} prefix.
 */
public final class CloudEventHeaders {

	/** Unique id of the event (UUID); consumers deduplicate on it. */
	public static final String ID = "ce_id";

	/** Event type, {@code de.industriedialog.<EventType>}. */
	public static final String TYPE = "ce_type";

	/** Producing service, e.g. {@code /initiative-registry}. */
	public static final String SOURCE = "ce_source";

	/** When the event was produced, RFC 3339. */
	public static final String TIME = "ce_time";

	/** Aggregate id the event is about; equals the record key. */
	public static final String SUBJECT = "ce_subject";

	/** CloudEvents spec version, always {@value #SPEC_VERSION_1_0}. */
	public static final String SPEC_VERSION = "ce_specversion";

	/** Content type of the payload (binary mode maps datacontenttype to this header). */
	public static final String CONTENT_TYPE = "content-type";

	/** The only spec version in use. */
	public static final String SPEC_VERSION_1_0 = "1.0";

	/** Prefix of every {@code ce_type}. */
	public static final String TYPE_PREFIX = "de.industriedialog.";

	/** Content type of every payload. */
	public static final String APPLICATION_JSON = "application/json";

	private CloudEventHeaders() {
	}

	/**
	 * The {@code ce_type} of an event type.
	 * @param eventType the logical event type, e.g. {@code SteckbriefPublished}
	 * @return e.g. {@code de.industriedialog.SteckbriefPublished}
	 * @throws IllegalArgumentException if the event type is blank or already carries the
	 * prefix
	 */
	public static String ceType(String eventType) {
		if (eventType == null || eventType.isBlank()) {
			throw new IllegalArgumentException("event type must not be blank");
		}
		if (eventType.startsWith(TYPE_PREFIX)) {
			throw new IllegalArgumentException("'" + eventType + "' is already a ce_type, not an event type");
		}
		return TYPE_PREFIX + eventType;
	}

	/**
	 * The event type of a {@code ce_type}; the inverse of {@link #ceType(String)}.
	 * @param ceType e.g. {@code de.industriedialog.SteckbriefPublished}
	 * @return e.g. {@code SteckbriefPublished}
	 * @throws IllegalArgumentException if the value does not start with
	 * {@value #TYPE_PREFIX} or names no type after it
	 */
	public static String eventType(String ceType) {
		if (ceType == null || !ceType.startsWith(TYPE_PREFIX) || ceType.length() == TYPE_PREFIX.length()) {
			throw new IllegalArgumentException(
					"ce_type '" + ceType + "' does not have the form " + TYPE_PREFIX + "<EventType>");
		}
		return ceType.substring(TYPE_PREFIX.length());
	}

}
