package jp.coordination.command.rules;

/**
 * A command names, in one of its fields, a record that does not exist (an intake naming a household
 * id nobody registered). The HTTP layer answers 404 naming the field.
 */
public class UnknownReferenceException extends RuntimeException {
  private final String field;

  public UnknownReferenceException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field that names the record. */
  public String field() {
    return field;
  }
}
