package jp.coordination.query.consumer;

/**
 * What an operator is told about a failure: the exception's class and, where it cannot quote the
 * record, its message. Parsers' messages quote their input, which may hold personal data, so theirs
 * is left out; so is anything beyond a few hundred characters.
 */
public final class FailureDetail {

  static final int MAX_LENGTH = 300;

  private FailureDetail() {}

  public static String of(Throwable e) {
    String type = e.getClass().getName();
    boolean quotesInput =
        type.startsWith("com.fasterxml.jackson.")
            || type.startsWith("java.io.")
            || e.getCause() != null
                && e.getCause().getClass().getName().startsWith("com.fasterxml.jackson.");
    String detail = quotesInput || e.getMessage() == null ? type : type + ": " + e.getMessage();
    return detail.length() <= MAX_LENGTH ? detail : detail.substring(0, MAX_LENGTH);
  }
}
