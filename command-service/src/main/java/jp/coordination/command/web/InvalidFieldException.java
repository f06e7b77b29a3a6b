package jp.coordination.command.web;

/** A request field the HTTP layer refuses after Bean Validation (business time, area of a ward): 400. */
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
