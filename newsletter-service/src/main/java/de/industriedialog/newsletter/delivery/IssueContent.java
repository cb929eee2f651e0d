package de.industriedialog.newsletter.delivery;

/**
 * Where the delivery gets the content of an Infobrief from (implemented by the
 * {@code infobrief} package).
 */
public interface IssueContent {

	/**
	 * @return the issue rendered once, with {@link PreparedIssue#TOKEN_PLACEHOLDER} where
	 * each recipient's personal token goes
	 */
	PreparedIssue prepare(String issueId);

	/**
	 * @return the subject line of the issue, empty if it is gone (for a recipient's
	 * export of the issues delivered to them)
	 */
	java.util.Optional<String> subject(String issueId);

}
