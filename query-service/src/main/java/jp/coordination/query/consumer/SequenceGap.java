package jp.coordination.query.consumer;

/**
 * Thrown by a handler for an event whose aggregate sequence is beyond the next one it expects: an
 * earlier event of the aggregate has not arrived (or was parked). The consumer holds the event
 * until the missing one comes, instead of applying it out of order or dropping it.
 */
public final class SequenceGap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long expected;
  private final long actual;

  public SequenceGap(String aggregateId, long expected, long actual) {
    super("aggregate " + aggregateId + " expects sequence " + expected + ", got " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
