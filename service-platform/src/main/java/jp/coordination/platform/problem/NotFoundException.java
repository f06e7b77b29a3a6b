package jp.coordination.platform.problem;

/**
 * The addressed record is unknown (or of another kind): 404; the message is the answer's detail.
 */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemText text;

  /** With a detail in English only; see {@link #NotFoundException(ProblemText)}. */
  public NotFoundException(String message) {
    super(message);
    this.text = null;
  }

  public NotFoundException(ProblemText message) {
    super(message.english());
    this.text = message;
  }

  /**
   * E.g. {@code new NotFoundException("Ward", "XYZ")}: "Ward XYZ is not known."; an id longer than
   * {@link Problems#MAX_QUOTED} is quoted cut ({@link Problems#quote}). The kind is translated when
   * the texts have {@code noun.<kind>} ({@code noun.Ward}).
   */
  public NotFoundException(String what, String id) {
    this(
        ProblemText.of(
            "detail.not-known",
            ProblemText.orElse("noun." + what, what),
            id != null && id.length() > Problems.MAX_QUOTED
                ? Problems.quote(id)
                : String.valueOf(id)));
  }

  /** "No such record." */
  public static NotFoundException noSuchRecord() {
    return new NotFoundException(ProblemText.of("detail.no-such-record"));
  }

  /** The detail in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
