package jp.coordination.platform.problem;

/**
 * A request conflicts with what is stored (an id reused for a different request, a facility that is
 * not registered): 409. The field is named when one field caused it, else {@code null}.
 */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final ProblemText text;

  /** With a message in English only; see {@link #ConflictException(ProblemText, String)}. */
  public ConflictException(String message, String field) {
    super(message);
    this.field = field;
    this.text = null;
  }

  public ConflictException(ProblemText message, String field) {
    super(message.english());
    this.field = field;
    this.text = message;
  }

  public String field() {
    return field;
  }

  /** The message in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
