package de.industriedialog.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One long-lived SMTP connection of one sender thread: connected once, then one
 * {@code MAIL FROM / RCPT TO / DATA} per recipient over the same connection, instead of a
 * TCP and TLS handshake for every mail. After any failure it is dropped and opened again
 * for the next mail, so a broken connection or a session state the server considers
 * confused never carries over.
 */
public final class SmtpConnection implements AutoCloseable {

	private final JavaMailSenderImpl settings;

	private Transport transport;

	public SmtpConnection(JavaMailSenderImpl settings) {
		this.settings = settings;
	}

	public void send(MimeMessage message) throws MessagingException {
		if (this.transport == null) {
			Transport fresh = this.settings.getSession().getTransport(protocol());
			fresh.connect(this.settings.getHost(), this.settings.getPort(), this.settings.getUsername(),
					this.settings.getPassword());
			this.transport = fresh;
		}
		this.transport.sendMessage(message, message.getAllRecipients());
	}

	/** Forgets the connection after a failure; the next mail connects anew. */
	public void reset() {
		close();
	}

	@Override
	public void close() {
		Transport current = this.transport;
		this.transport = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (MessagingException | RuntimeException ignored) {
				// the connection is gone either way
			}
		}
	}

	private String protocol() {
		String protocol = this.settings.getProtocol();
		return (protocol != null) ? protocol : "smtp";
	}

}
