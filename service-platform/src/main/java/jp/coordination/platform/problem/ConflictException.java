package jp.coordination.platform.problem;

/**
 * A request conflicts with what is stored (an id reused for a different request, a facility that is
 * not registered): 409. The field is named when one field caused it, else {@code null}.
 */
public class ConflictException extends RuntimeException {
  private final String field;

  public ConflictException(String message, String field) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
