package jp.coordination.command.web;

/** The addressed aggregate does not exist (or is of another kind): 404. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
