package de.industriedialog.evaluation.questionnaire;

/**
 * A new event link. The token is shown this once: only its hash is kept.
 *
 * @param url the form page with the token, to share or print as a QR code
 */
public record CreatedLink(String token, String url) {

}
