package de.industriedialog.registry.steckbrief;

/**
 * The contact person of an initiative. Not public: it is shown only to the initiative's
 * own account and staff, and never leaves the registry in an event.
 */
public record Contact(String name, String email, String phone) {

}
