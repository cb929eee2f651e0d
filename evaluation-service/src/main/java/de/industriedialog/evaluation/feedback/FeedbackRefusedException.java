package de.industriedialog.evaluation.feedback;

import java.time.Duration;

/**
 * A participant's request that cannot succeed; nothing was written. The web adapter maps
 * the {@link Refusal} to a status.
 */
public class FeedbackRefusedException extends RuntimeException {

	private final Refusal refusal;

	private final Duration retryAfter;

	FeedbackRefusedException(Refusal refusal) {
		this(refusal, null);
	}

	FeedbackRefusedException(Refusal refusal, Duration retryAfter) {
		super(refusal.detail());
		this.refusal = refusal;
		this.retryAfter = retryAfter;
	}

	public Refusal refusal() {
		return this.refusal;
	}

	/** When trying again makes sense, or {@code null}. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
