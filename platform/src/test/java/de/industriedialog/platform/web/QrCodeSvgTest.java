package de.industriedialog.platform.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodeSvgTest {

	@Test
	void shouldBeWellFormedSvgWithTheGermanLabelAsText() throws Exception {
		// Browsers refuse an SVG image that is not well-formed XML: an HTML entity such
		// as
		// &uuml; in the label would break the image.
		String svg = QrCodeSvg.of("http://localhost:8080/anmeldung.html?token=abc", "QR-Code für <Check-in> & mehr");
		Element root = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
			.getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("svg");
		assertThat(root.getAttribute("aria-label")).isEqualTo("QR-Code für <Check-in> & mehr");
		assertThat(root.getElementsByTagName("path").getLength()).isEqualTo(1);
	}

}
