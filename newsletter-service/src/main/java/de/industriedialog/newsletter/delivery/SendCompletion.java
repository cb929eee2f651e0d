package de.industriedialog.newsletter.delivery;

/**
 * Told once every delivery of an issue is final (implemented by the {@code infobrief}
 * package, which marks the issue sent and publishes {@code InfobriefSent}). Must be
 * idempotent: after a crash it may be told again.
 */
public interface SendCompletion {

	void sendFinished(String issueId, SendProgress progress);

}
