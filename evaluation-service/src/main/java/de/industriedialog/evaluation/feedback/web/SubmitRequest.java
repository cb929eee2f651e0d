package de.industriedialog.evaluation.feedback.web;

import java.util.Map;

import de.industriedialog.evaluation.feedback.FeedbackSubmission;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /api/feedback. Every text is a JSON string; objects are refused. */
@Schema(description = "Ein ausgefüllter Evaluationsbogen")
record SubmitRequest(@Schema(description = "Personal token from the mail (or link)") String token,
		@Schema(description = "Token of the event's shared link (or token)") String link,
		@Schema(description = "Random UUID the browser keeps; required with link",
				example = "3f1e0c4a-6b2d-4e8f-9a1b-2c3d4e5f6a7b") String deviceId,
		@Schema(description = "PROFESSIONAL, TRAINEE_STUDENT or PUPIL", example = "PUPIL") String participantGroup,
		@Schema(description = "Standard item id → option code",
				example = "{\"Q1\":\"MOSTLY\",\"Q2\":\"VERY_GOOD\"}") Map<String, String> answers,
		@Schema(description = "Custom question id → option code or text",
				example = "{\"C1\":\"O2\"}") Map<String, String> customAnswers,
		@Schema(description = "Was war gut?", maxLength = 1000) String good,
		@Schema(description = "Was können wir besser machen?", maxLength = 1000) String improve) {

	FeedbackSubmission submission() {
		return new FeedbackSubmission(this.token, this.link, this.deviceId, this.participantGroup, this.answers,
				this.customAnswers, this.good, this.improve);
	}

}
