package de.industriedialog.newsletter.delivery;

import java.net.SocketTimeoutException;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFailureTest {

	@Test
	void shouldTreatARefusedAddressAsPermanentBounce() throws Exception {
		SendFailedException failed = refused(550, "550 no such user");
		DeliveryFailure failure = DeliveryFailure.of(failed);
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.bounce()).isTrue();
		assertThat(failure.detail()).startsWith("550");
	}

	@Test
	void shouldKeepTheAddressTheServerRepeatsOutOfTheDetail() throws Exception {
		DeliveryFailure failure = DeliveryFailure
			.of(refused(550, "550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown"));
		assertThat(failure.detail()).startsWith("550")
			.contains("Recipient address rejected")
			.doesNotContain("someone", "example.org");
	}

	@Test
	void shouldRetryATemporaryRefusal() throws Exception {
		DeliveryFailure failure = DeliveryFailure.of(refused(451, "451 try later"));
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.bounce()).isFalse();
	}

	@Test
	void shouldFailAMessageRefusedAfterDataWithoutSuppressingTheAddress() throws Exception {
		SMTPSendFailedException data = new SMTPSendFailedException("DATA", 554, "554 content rejected", null, null,
				null, null);
		DeliveryFailure failure = DeliveryFailure.of(data);
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.bounce()).isFalse();
	}

	@Test
	void shouldRetryWhenTheConnectionBroke() {
		DeliveryFailure failure = DeliveryFailure
			.of(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")));
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.detail()).contains("Read timed out");
	}

	private static SendFailedException refused(int code, String reply) throws Exception {
		InternetAddress address = new InternetAddress("someone@example.org");
		SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO", code, reply);
		Address[] none = new Address[0];
		Address[] one = { address };
		return new SendFailedException("Invalid Addresses", refused, none, (code >= 500) ? none : one,
				(code >= 500) ? one : none);
	}

}
