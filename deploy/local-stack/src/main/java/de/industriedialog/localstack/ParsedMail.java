package de.industriedialog.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A stored mail, read with Jakarta Mail: either only its headers (for lists) or in full.
 */
final class ParsedMail {

	private static final Session SESSION = Session.getInstance(new Properties());

	final long id;

	final Instant received;

	final String from;

	/** Envelope recipients if known, otherwise the To and Cc addresses. */
	final List<String> to;

	final String subject;

	/**
	 * The Message-ID header without the angle brackets, {@code null} if the mail has
	 * none: a sender that retries delivery keeps it, so a test can tell a redelivered
	 * mail from a second one.
	 */
	final String messageId;

	/** Name and value (unfolded, not decoded) of every header, in order. */
	final List<String[]> headers;

	private final Set<String> allRecipients;

	String text;

	String html;

	final List<Attachment> attachments = new ArrayList<>();

	record Attachment(String filename, String contentType, long size) {
	}

	private ParsedMail(long id, List<String[]> headers) {
		this.id = id;
		this.received = Instant.ofEpochMilli(id);
		this.headers = headers;
		String fromHeader = first("From");
		List<String> fromAddresses = addresses(fromHeader, true);
		this.from = fromAddresses.isEmpty() ? envelopeFrom() : fromAddresses.get(0);
		List<String> headerRecipients = new ArrayList<>(addresses(first("To"), false));
		headerRecipients.addAll(addresses(first("Cc"), false));
		List<String> envelope = addresses(first(MailCatcher.ENVELOPE_TO), false);
		this.to = envelope.isEmpty() ? headerRecipients : envelope;
		Set<String> all = new LinkedHashSet<>();
		envelope.forEach((address) -> all.add(MailCatcher.lower(address)));
		headerRecipients.forEach((address) -> all.add(MailCatcher.lower(address)));
		this.allRecipients = all;
		String subjectHeader = first("Subject");
		this.subject = (subjectHeader != null) ? decode(subjectHeader) : "";
		String messageIdHeader = first("Message-ID");
		this.messageId = (messageIdHeader != null) ? messageIdHeader.trim().replaceAll("^<|>$", "") : null;
	}

	static ParsedMail parseHeaders(long id, InputStream raw) {
		try {
			InternetHeaders internetHeaders = new InternetHeaders(raw);
			return new ParsedMail(id, headerList(internetHeaders.getAllHeaders()));
		}
		catch (MessagingException ex) {
			return new ParsedMail(id, List.of());
		}
	}

	static ParsedMail parse(long id, byte[] raw) {
		MimeMessage message;
		ParsedMail mail;
		try {
			message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			mail = new ParsedMail(id, headerList(message.getAllHeaders()));
		}
		catch (MessagingException ex) {
			ParsedMail broken = new ParsedMail(id, List.of());
			broken.text = new String(raw, StandardCharsets.UTF_8);
			return broken;
		}
		try {
			mail.walk(message);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (mail.text == null) {
				mail.text = "(Die Mail konnte nicht vollständig gelesen werden: " + ex.getMessage() + ")";
			}
		}
		return mail;
	}

	private void walk(Part part) throws MessagingException, IOException {
		String disposition = part.getDisposition();
		String filename = filename(part);
		boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || (filename != null);
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				walk(multipart.getBodyPart(i));
			}
		}
		else if (!attachment && part.isMimeType("text/plain") && this.text == null) {
			this.text = textContent(part);
		}
		else if (!attachment && part.isMimeType("text/html") && this.html == null) {
			this.html = textContent(part);
		}
		else {
			this.attachments.add(new Attachment((filename != null) ? filename : "(ohne Namen)",
					baseType(part.getContentType()), size(part)));
		}
	}

	private static String textContent(Part part) throws MessagingException, IOException {
		try {
			Object content = part.getContent();
			if (content instanceof String string) {
				return string;
			}
		}
		catch (IOException ex) {
			// unknown charset: fall through to UTF-8
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String filename(Part part) {
		try {
			String name = part.getFileName();
			return (name != null) ? decode(name) : null;
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	private static long size(Part part) {
		try (InputStream in = part.getInputStream()) {
			return in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (IOException | MessagingException ex) {
			return -1;
		}
	}

	private static String baseType(String contentType) {
		if (contentType == null) {
			return "application/octet-stream";
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
	}

	boolean isAddressedTo(String address) {
		return this.allRecipients.contains(MailCatcher.lower(address));
	}

	private String first(String name) {
		for (String[] header : this.headers) {
			if (header[0].equalsIgnoreCase(name)) {
				return header[1];
			}
		}
		return null;
	}

	private String envelopeFrom() {
		String returnPath = first("Return-Path");
		if (returnPath == null) {
			return "";
		}
		return returnPath.replace("<", "").replace(">", "").trim();
	}

	private static List<String[]> headerList(Enumeration<Header> all) {
		List<String[]> list = new ArrayList<>();
		while (all.hasMoreElements()) {
			Header header = all.nextElement();
			String value = (header.getValue() != null) ? header.getValue() : "";
			list.add(new String[] { header.getName(), MimeUtility.unfold(value) });
		}
		return Collections.unmodifiableList(list);
	}

	/**
	 * Addresses in a header; {@code withName} keeps the display name ("Name <a@b.de>").
	 */
	private static List<String> addresses(String header, boolean withName) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		try {
			List<String> result = new ArrayList<>();
			for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
				result.add(withName ? address.toUnicodeString() : address.getAddress());
			}
			return result;
		}
		catch (AddressException ex) {
			return List.of(header.trim());
		}
	}

	/** RFC 2047 decoding of a header value, as it is shown. */
	static String decode(String value) {
		try {
			return MimeUtility.decodeText(value);
		}
		catch (IOException | RuntimeException ex) {
			return value;
		}
	}

}
