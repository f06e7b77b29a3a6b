package jp.coordination.query.dashboard;

import java.time.Duration;
import jp.coordination.platform.problem.ProblemText;

/** A user already has as many live streams open as allowed: 429 with {@code Retry-After}. */
public class TooManyStreamsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;
  private final int allowed;

  public TooManyStreamsException(int allowed, Duration retryAfter) {
    super(text(allowed).english());
    this.retryAfter = retryAfter;
    this.allowed = allowed;
  }

  private static ProblemText text(int allowed) {
    return ProblemText.of("detail.too-many-streams", String.valueOf(allowed));
  }

  /** The answer's detail, in the language of the request being answered. */
  public ProblemText text() {
    return text(allowed);
  }

  /** When a slot may be free again: a stream whose browser went away is noticed by then. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
