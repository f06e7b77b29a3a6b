package jp.coordination.platform.problem;

/** A request field or parameter is malformed or out of range: 400 naming the field. */
public class InvalidFieldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final ProblemText text;

  /** With a message in English only; see {@link #InvalidFieldException(String, ProblemText)}. */
  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
    this.text = null;
  }

  /** With a message the answer gives in the client's language. */
  public InvalidFieldException(String field, ProblemText message) {
    super(message.english());
    this.field = field;
    this.text = message;
  }

  /** The field is missing: "is required". */
  public static InvalidFieldException required(String field) {
    return new InvalidFieldException(field, ProblemText.of("field.required"));
  }

  public String field() {
    return field;
  }

  /** The message in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
