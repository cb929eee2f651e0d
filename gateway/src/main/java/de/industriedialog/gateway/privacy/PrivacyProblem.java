package de.industriedialog.gateway.privacy;

/** A privacy request that cannot go on, with the German reason for the person. */
class PrivacyProblem extends RuntimeException {

	private final int status;

	PrivacyProblem(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
