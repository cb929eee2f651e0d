package de.industriedialog.platform.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from {@code templates/mail/<name>.html} (HTML mode: every value written
 * with {@code th:text} or {@code th:href} is escaped) and {@code <name>.txt} (text mode).
 * The engine is this class's own, not a bean, so it cannot be mistaken for a web view
 * engine.
 */
public class MailTemplates {

	private final TemplateEngine engine;

	public MailTemplates() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
		this.engine = engine;
	}

	public Rendered render(String name, Map<String, Object> model) {
		Context context = new Context(Locale.GERMAN, model);
		return new Rendered(this.engine.process(name + ".html", context), this.engine.process(name + ".txt", context));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	public record Rendered(String html, String text) {
	}

}
