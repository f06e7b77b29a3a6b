package jp.coordination.command.rules;

/**
 * A command carries a value that is out of range for this aggregate, which only the aggregate can
 * judge (more available beds than the facility keeps). The HTTP layer answers 400 naming the field.
 */
public class FieldRejectedException extends RuntimeException {
  private final String field;

  public FieldRejectedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the value came from. */
  public String field() {
    return field;
  }
}
