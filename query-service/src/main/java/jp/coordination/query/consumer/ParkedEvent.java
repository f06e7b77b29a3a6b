package jp.coordination.query.consumer;

import java.time.Instant;

/**
 * A record set aside instead of applied: it and every later record of its aggregate wait here, in
 * order, until it is retried successfully or skipped. Resolved entries are kept as a record of what
 * happened (who skipped what, when and why).
 *
 * @param id {@code <topic>-<partition>-<offset>}: parking the same record twice is one entry
 * @param aggregateId the record key (the aggregate id); null for a record without a key
 * @param eventId type, revision, sequence: as far as the record could be read (null if not)
 * @param detail why, without payload: the exception's class (and for a projection its message)
 * @param raw the record value, base64, to apply it later; never shown or logged (it may hold
 *     personal data)
 */
public record ParkedEvent(
    String id,
    String topic,
    int partition,
    long offset,
    String aggregateId,
    String eventId,
    String type,
    Integer revision,
    Long sequence,
    State state,
    Reason reason,
    String detail,
    Instant firstFailureAt,
    Instant lastFailureAt,
    int attempts,
    Instant heldUntil,
    String raw,
    Instant resolvedAt,
    String skippedBy,
    String skipReason) {

  /** Where an entry stands. */
  public enum State {
    /** Arrived before an earlier event of its aggregate; waits for it until {@code heldUntil}. */
    HELD,
    /** Set aside until an operator retries or skips it. */
    PARKED,
    /** Applied later (retried, or released after the one before it). */
    APPLIED,
    /** Skipped by an operator; never applied. */
    SKIPPED;

    public boolean active() {
      return this == HELD || this == PARKED;
    }
  }

  /** Why it was set aside. */
  public enum Reason {
    /** Its projection threw, every attempt. */
    EXCEPTION,
    /** Not a readable event envelope (bad JSON, unknown type or revision). */
    UNDECODABLE,
    /** An earlier event of its aggregate is missing. */
    GAP,
    /** An earlier event of its aggregate is parked. */
    BEHIND_PARKED
  }

  static String idOf(String topic, Delivery delivery) {
    return topic + "-" + delivery.partition() + "-" + delivery.offset();
  }

  public Delivery delivery() {
    return new Delivery(partition, offset);
  }

  ParkedEvent failedAgain(
      State nextState, Reason nextReason, String nextDetail, Instant at, Instant until) {
    return new ParkedEvent(
        id,
        topic,
        partition,
        offset,
        aggregateId,
        eventId,
        type,
        revision,
        sequence,
        nextState,
        nextReason,
        nextDetail,
        firstFailureAt,
        at,
        attempts + 1,
        until,
        raw,
        null,
        null,
        null);
  }

  ParkedEvent parkedAfterWait(Instant at) {
    return new ParkedEvent(
        id,
        topic,
        partition,
        offset,
        aggregateId,
        eventId,
        type,
        revision,
        sequence,
        State.PARKED,
        reason,
        detail,
        firstFailureAt,
        at,
        attempts,
        null,
        raw,
        null,
        null,
        null);
  }

  ParkedEvent applied(Instant at) {
    return new ParkedEvent(
        id,
        topic,
        partition,
        offset,
        aggregateId,
        eventId,
        type,
        revision,
        sequence,
        State.APPLIED,
        reason,
        detail,
        firstFailureAt,
        lastFailureAt,
        attempts,
        null,
        raw,
        at,
        null,
        null);
  }

  ParkedEvent skipped(Instant at, String by, String why) {
    return new ParkedEvent(
        id,
        topic,
        partition,
        offset,
        aggregateId,
        eventId,
        type,
        revision,
        sequence,
        State.SKIPPED,
        reason,
        detail,
        firstFailureAt,
        lastFailureAt,
        attempts,
        null,
        raw,
        at,
        by,
        why);
  }
}
