package de.industriedialog.events.registration;

import java.time.Instant;

/**
 * Someone registered an address that already has an active registration for the event.
 * The answer to the request does not say so (it would tell anyone whether an address is
 * registered); the mailbox owner is told instead, by mail (notification).
 *
 * @param registration the existing, active registration
 * @param at when the attempt came in
 */
public record AlreadyRegisteredAttempt(Registration registration, Instant at) {

}
