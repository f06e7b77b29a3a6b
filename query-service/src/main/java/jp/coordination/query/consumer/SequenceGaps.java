package jp.coordination.query.consumer;

/**
 * Which gaps in an aggregate's sequences are accepted: those an operator created by skipping parked
 * events. Any other gap is held ({@link SequenceGap}).
 */
public interface SequenceGaps {

  /** No gap is ever accepted (replays and tests without parking). */
  SequenceGaps NONE = (aggregateId, expected, actual) -> false;

  /** Whether the events {@code expected} up to {@code actual - 1} of the aggregate were skipped. */
  boolean accepted(String aggregateId, long expected, long actual);
}
