package de.industriedialog.newsletter.delivery;

/**
 * An Infobrief rendered once for all its recipients. The only personal part of a mail is
 * the personal token in the preference and unsubscribe links; it stands in the html and
 * text as {@link #TOKEN_PLACEHOLDER} and is replaced per recipient, so 10,000 mails cost
 * one template rendering, not 10,000.
 *
 * @param issueId the Infobrief
 * @param subject the subject line
 * @param html the HTML body with the placeholder
 * @param text the plain text body with the placeholder
 */
public record PreparedIssue(String issueId, String subject, String html, String text) {

	/** Never occurs in staff content: the renderer removes it from user input. */
	public static final String TOKEN_PLACEHOLDER = "%%PERSONAL_TOKEN%%";

	public String html(String personalToken) {
		return this.html.replace(TOKEN_PLACEHOLDER, personalToken);
	}

	public String text(String personalToken) {
		return this.text.replace(TOKEN_PLACEHOLDER, personalToken);
	}

}
