package de.industriedialog.newsletter.infobrief;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.newsletter.delivery.IssueContent;
import de.industriedialog.newsletter.delivery.PreparedIssue;
import de.industriedialog.newsletter.infobrief.Infobrief.Section;
import de.industriedialog.platform.mail.MailTemplates;
import de.industriedialog.newsletter.subscriber.SubscriberLinks;
import de.industriedialog.platform.web.NotFoundException;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Renders an Infobrief once per issue, with the placeholder where each recipient's
 * personal token goes. While an issue is sent the rendering is kept, so the sender
 * threads get the same {@link PreparedIssue} for every batch; a draft is rendered anew on
 * every preview.
 */
@Component
class InfobriefRenderer implements IssueContent {

	private final MongoOperations mongo;

	private final MailTemplates templates;

	private final SubscriberLinks links;

	private final NewsletterProperties properties;

	private final Map<String, PreparedIssue> sending = new ConcurrentHashMap<>();

	InfobriefRenderer(MongoOperations mongo, MailTemplates templates, SubscriberLinks links,
			NewsletterProperties properties) {
		this.mongo = mongo;
		this.templates = templates;
		this.links = links;
		this.properties = properties;
	}

	@Override
	public PreparedIssue prepare(String issueId) {
		PreparedIssue cached = this.sending.get(issueId);
		if (cached != null) {
			return cached;
		}
		Infobrief issue = this.mongo.findById(issueId, Infobrief.class);
		if (issue == null) {
			throw new NotFoundException("Diesen Infobrief gibt es nicht (mehr).");
		}
		PreparedIssue prepared = render(issue);
		if (Infobrief.SENDING.equals(issue.status())) {
			// The content of an issue being sent never changes any more.
			this.sending.putIfAbsent(issueId, prepared);
		}
		return prepared;
	}

	@Override
	public java.util.Optional<String> subject(String issueId) {
		return java.util.Optional.ofNullable(this.mongo.findById(issueId, Infobrief.class)).map(Infobrief::subject);
	}

	/** The send is over: the rendering is not needed any more. */
	void forget(String issueId) {
		this.sending.remove(issueId);
	}

	PreparedIssue render(Infobrief issue) {
		String token = PreparedIssue.TOKEN_PLACEHOLDER;
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("subject", issue.subject());
		model.put("intro", paragraphs(issue.intro()));
		List<Map<String, Object>> sections = new ArrayList<>();
		for (Section section : issue.sections()) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("heading", section.heading());
			view.put("paragraphs", paragraphs(section.text()));
			view.put("link", section.link());
			view.put("linkLabel", (section.linkLabel() != null) ? section.linkLabel() : "Weiterlesen");
			sections.add(view);
		}
		model.put("sections", sections);
		model.put("preferencesUrl", this.links.preferencesWithToken(token));
		model.put("unsubscribeUrl", this.links.unsubscribePageWithToken(token));
		model.put("reason",
				"Du erhältst den Infobrief, weil du ihn unter " + this.links.publicUrl() + " abonniert hast.");
		model.put("imprint", this.properties.imprint());
		MailTemplates.Rendered rendered = this.templates.render("infobrief", model);
		return new PreparedIssue(issue.id(), issue.subject(), rendered.html(), rendered.text());
	}

	/**
	 * Paragraphs (separated by blank lines), each as its lines, so the template keeps the
	 * author's breaks while escaping every line.
	 */
	static List<List<String>> paragraphs(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<List<String>> paragraphs = new ArrayList<>();
		for (String paragraph : text.strip().split("\\n\\s*\\n")) {
			List<String> lines = Arrays.stream(paragraph.split("\\n")).map(String::strip).toList();
			paragraphs.add(lines);
		}
		return paragraphs;
	}

}
