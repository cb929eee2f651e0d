package de.industriedialog.events.notification;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real mail sender (same server, same settings), except that the first mail to an
 * address starting with {@value #PREFIX} fails as if the mail server were briefly
 * unreachable. Everything else, and the second attempt, goes to the real SMTP server.
 */
final class FailOnceMailSender extends JavaMailSenderImpl {

	static final String PREFIX = "flaky-";

	private final Set<String> failed = ConcurrentHashMap.newKeySet();

	@Override
	protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
		for (MimeMessage message : mimeMessages) {
			for (String to : recipients(message)) {
				if (to.startsWith(PREFIX) && this.failed.add(to)) {
					throw new MailSendException("Simulated: mail server not reachable for " + to);
				}
			}
		}
		super.doSend(mimeMessages, originalMessages);
	}

	private static Set<String> recipients(MimeMessage message) {
		try {
			Address[] to = message.getRecipients(Message.RecipientType.TO);
			Set<String> addresses = new java.util.HashSet<>();
			if (to != null) {
				for (Address address : to) {
					addresses.add(
							(address instanceof InternetAddress internet) ? internet.getAddress() : address.toString());
				}
			}
			return addresses;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Replaces the auto-configured sender with a copy of this kind. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		static BeanPostProcessor failOnceMailSender() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof JavaMailSenderImpl real) || bean instanceof FailOnceMailSender) {
						return bean;
					}
					FailOnceMailSender copy = new FailOnceMailSender();
					copy.setJavaMailProperties(real.getJavaMailProperties());
					copy.setProtocol(real.getProtocol());
					copy.setHost(real.getHost());
					copy.setPort(real.getPort());
					copy.setUsername(real.getUsername());
					copy.setPassword(real.getPassword());
					copy.setDefaultEncoding(real.getDefaultEncoding());
					return copy;
				}

			};
		}

	}

}
