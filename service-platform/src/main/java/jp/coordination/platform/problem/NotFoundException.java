package jp.coordination.platform.problem;

/** The addressed record is unknown (or of another kind): 404; the message is the answer's detail. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * E.g. {@code new NotFoundException("Ward", "XYZ")}: "Ward XYZ is not known."; an id longer than
   * {@link Problems#MAX_QUOTED} is quoted cut ({@link Problems#quote}).
   */
  public NotFoundException(String what, String id) {
    this(what + " " + (id != null && id.length() > Problems.MAX_QUOTED ? Problems.quote(id) : id) + " is not known.");
  }
}
