package jp.coordination.query.web;

/** A query parameter or path segment the service cannot use: answered with 400 naming the field. */
public class InvalidParameterException extends RuntimeException {

  private final String field;

  public InvalidParameterException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
