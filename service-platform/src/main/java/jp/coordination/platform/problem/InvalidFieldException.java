package jp.coordination.platform.problem;

/** A request field or parameter is malformed or out of range: 400 naming the field. */
public class InvalidFieldException extends RuntimeException {
  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
