package de.industriedialog.evaluation.questionnaire;

import java.util.List;

/**
 * A custom question as an organiser sends it. The type is text so that an unknown one is
 * answered with the field and the allowed values rather than as unreadable JSON.
 */
public record CustomQuestionDraft(String type, String text, List<String> options) {

}
