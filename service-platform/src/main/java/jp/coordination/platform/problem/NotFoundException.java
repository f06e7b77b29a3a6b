package jp.coordination.platform.problem;

/** The addressed record is unknown (or of another kind): 404; the message is the answer's detail. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }

  /** E.g. {@code new NotFoundException("Ward", "XYZ")}: "Ward XYZ is not known." */
  public NotFoundException(String what, String id) {
    this(what + " " + id + " is not known.");
  }
}
