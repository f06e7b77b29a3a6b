package jp.coordination.platform.problem;

/** An endpoint of the contract whose behaviour belongs to a later issue: 501. */
public class NotImplementedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotImplementedException(String message) {
    super(message);
  }
}
