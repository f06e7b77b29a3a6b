package jp.coordination.query.web;

/** The requested ward, household, intake or case is unknown: answered with 404. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String what, String id) {
    super(what + " " + id + " is not known.");
  }
}
