package de.industriedialog.newsletter.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.newsletter.subscriber.SubscriberLinks;
import de.industriedialog.newsletter.subscriber.SubscriberTokens;
import de.industriedialog.platform.mail.MailStreamProvider;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

/**
 * Builds the mail of one recipient from the issue rendered once: string replacement of
 * the personal token and a handful of headers, no template engine per recipient.
 */
@Component
class IssueMails {

	static final String LIST_ID = "Infobrief Industriedialog <infobrief.industriedialog.de>";

	private final SubscriberTokens tokens;

	private final SubscriberLinks links;

	private final InternetAddress from;

	IssueMails(SubscriberTokens tokens, SubscriberLinks links, NewsletterProperties properties) {
		MailStreamProvider.nameExplicitly();
		this.tokens = tokens;
		this.links = links;
		try {
			this.from = new InternetAddress(properties.from(), true);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("industriedialog.newsletter.from is no valid address: " + properties.from(),
					ex);
		}
	}

	/** The Message-ID every copy of this issue to this subscriber carries. */
	static String messageId(String issueId, String subscriberId) {
		return "<" + issueId + "." + subscriberId + "@industriedialog.de>";
	}

	MimeMessage forSubscriber(Session session, PreparedIssue issue, String subscriberId, String email)
			throws MessagingException {
		String token = this.tokens.personalToken(subscriberId);
		return build(session, issue.subject(), issue, token, email, messageId(issue.issueId(), subscriberId));
	}

	/**
	 * The test send to a staff member: the same mail with „[Test] " and a dummy token.
	 */
	MimeMessage forTest(Session session, PreparedIssue issue, String email) throws MessagingException {
		return build(session, "[Test] " + issue.subject(), issue, "test", email, null);
	}

	private MimeMessage build(Session session, String subject, PreparedIssue issue, String token, String email,
			String messageId) throws MessagingException {
		MimeMessage message = new FixedIdMessage(session, messageId);
		message.setFrom(this.from);
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email, false));
		message.setSubject(subject, StandardCharsets.UTF_8.name());
		message.setSentDate(new Date());
		message.setHeader("List-Unsubscribe", "<" + this.links.oneClickUnsubscribeWithToken(token) + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.setHeader("List-Id", LIST_ID);
		message.setHeader("Precedence", "bulk");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(issue.text(token), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(issue.html(token), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		message.saveChanges();
		return message;
	}

	/**
	 * Keeps a deterministic Message-ID: {@code saveChanges()} would otherwise make a
	 * random one.
	 */
	private static final class FixedIdMessage extends MimeMessage {

		private final String messageId;

		FixedIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			if (this.messageId != null) {
				setHeader("Message-ID", this.messageId);
			}
			else {
				super.updateMessageID();
			}
		}

	}

}
