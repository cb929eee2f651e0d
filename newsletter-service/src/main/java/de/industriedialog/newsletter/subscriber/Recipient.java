package de.industriedialog.newsletter.subscriber;

/** A confirmed subscriber an Infobrief is mailed to. */
public record Recipient(String subscriberId, String email, String name) {
}
