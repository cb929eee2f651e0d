package de.industriedialog.platform.mail;

import java.util.List;
import java.util.Map;

import de.industriedialog.platform.privacy.PersonalData;

/**
 * The service's mails to a person (queued, sent or failed; kept until the mail queue's
 * retention deletes them): part of every access and erasure request.
 */
class MailQueuePersonalData implements PersonalData {

	private final MailQueue queue;

	MailQueuePersonalData(MailQueue queue) {
		this.queue = queue;
	}

	@Override
	public String name() {
		return "mails";
	}

	@Override
	public String title() {
		return "E-Mails an Sie (werden nach dem Versand nur kurz aufbewahrt)";
	}

	@Override
	public int count(String subjectKey) {
		return Math.toIntExact(this.queue.countBySubject(subjectKey));
	}

	@Override
	public List<?> export(String subjectKey) {
		// Bodies are left out: they hold personal links that would work for whoever
		// finds the downloaded file.
		return this.queue.findBySubject(subjectKey).stream().map((mail) -> {
			Map<String, Object> record = new java.util.LinkedHashMap<>();
			record.put("type", mail.type());
			record.put("subject", mail.subject());
			record.put("to", mail.to());
			record.put("status", mail.status().name());
			record.put("queuedAt", mail.queuedAt());
			record.put("sentAt", mail.sentAt());
			return record;
		}).toList();
	}

	@Override
	public int erase(String subjectKey) {
		return Math.toIntExact(this.queue.deleteBySubject(subjectKey));
	}

}
