package de.industriedialog.newsletter.subscriber;

/** How an unsubscription came in, as published in {@code SubscriberUnsubscribed}. */
public enum UnsubscribeChannel {

	/** The RFC 8058 one-click request of a mailbox provider or the link in the mail. */
	ONE_CLICK,

	/** The button on the preference page. */
	PREFERENCE_PAGE,

	/** Staff of the network office, e.g. after a request by phone. */
	STAFF,

	/** A permanent delivery failure. */
	BOUNCE

}
