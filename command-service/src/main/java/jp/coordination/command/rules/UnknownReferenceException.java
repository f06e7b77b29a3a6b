package jp.coordination.command.rules;

import jp.coordination.platform.problem.ProblemText;

/**
 * A command names, in one of its fields, a record that does not exist (an intake naming a household
 * id nobody registered). The HTTP layer answers 404 naming the field.
 */
public class UnknownReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final ProblemText text;

  /**
   * With a message in English only; see {@link #UnknownReferenceException(String, ProblemText)}.
   */
  public UnknownReferenceException(String field, String message) {
    super(message);
    this.field = field;
    this.text = null;
  }

  /** With a message the answer gives in the client's language. */
  public UnknownReferenceException(String field, ProblemText message) {
    super(message.english());
    this.field = field;
    this.text = message;
  }

  /** The request field that names the record. */
  public String field() {
    return field;
  }

  /** The message in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
