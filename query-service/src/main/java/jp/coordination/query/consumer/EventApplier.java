package jp.coordination.query.consumer;

import jp.coordination.events.envelope.EventEnvelope;

/**
 * Exactly-once effect over at-least-once delivery for one record: asks the dedup ledger first,
 * skips re-published copies, and hands first deliveries and re-deliveries to the handler, whose
 * guarded updates complete an interrupted event without counting any part twice.
 */
public final class EventApplier {

  /** What became of one delivery. */
  public enum Result {
    APPLIED,
    ALREADY_APPLIED,
    DUPLICATE_SKIPPED
  }

  private final ProjectionStore store;
  private final EventHandler handler;
  private final ConsumerMetrics metrics;

  public EventApplier(ProjectionStore store, EventHandler handler, ConsumerMetrics metrics) {
    this.store = store;
    this.handler = handler;
    this.metrics = metrics;
  }

  public Result apply(EventEnvelope envelope, Delivery delivery) {
    LedgerOutcome outcome = store.recordDelivery(envelope.eventId(), delivery);
    if (outcome == LedgerOutcome.DUPLICATE) {
      metrics.duplicateSkipped(envelope);
      return Result.DUPLICATE_SKIPPED;
    }
    if (handler.handle(envelope, delivery)) {
      metrics.applied(envelope);
      return Result.APPLIED;
    }
    return Result.ALREADY_APPLIED;
  }
}
