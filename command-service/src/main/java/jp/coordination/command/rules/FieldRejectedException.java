package jp.coordination.command.rules;

import jp.coordination.platform.problem.ProblemText;

/**
 * A command carries a value that is out of range for this aggregate, which only the aggregate can
 * judge (more available beds than the facility keeps). The HTTP layer answers 400 naming the field.
 */
public class FieldRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final ProblemText text;

  /** With a message in English only; see {@link #FieldRejectedException(String, ProblemText)}. */
  public FieldRejectedException(String field, String message) {
    super(message);
    this.field = field;
    this.text = null;
  }

  /** With a message the answer gives in the client's language. */
  public FieldRejectedException(String field, ProblemText message) {
    super(message.english());
    this.field = field;
    this.text = message;
  }

  /** The field is missing: "is required". */
  public static FieldRejectedException required(String field) {
    return new FieldRejectedException(field, ProblemText.of("field.required"));
  }

  /** The request field the value came from. */
  public String field() {
    return field;
  }

  /** The message in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
