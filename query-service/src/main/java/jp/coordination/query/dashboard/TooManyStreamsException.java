package jp.coordination.query.dashboard;

import java.time.Duration;

/** A user already has as many live streams open as allowed: 429 with {@code Retry-After}. */
public class TooManyStreamsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public TooManyStreamsException(int allowed, Duration retryAfter) {
    super("At most " + allowed + " live dashboard streams may be open per user; close one or retry later.");
    this.retryAfter = retryAfter;
  }

  /** When a slot may be free again: a stream whose browser went away is noticed by then. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
