package jp.coordination.events.envelope;

/**
 * An envelope names a type or revision this build does not know (e.g. written by a newer producer).
 */
public class UnknownEventTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownEventTypeException(String type, int revision) {
    super("Unknown event type " + type + " revision " + revision);
  }
}
