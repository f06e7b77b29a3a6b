package jp.coordination.query.consumer;

import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.consumer.ProjectionStore.Batch;
import jp.coordination.query.consumer.ProjectionStore.Delivered;

/**
 * Exactly-once effect over at-least-once delivery: asks the dedup ledger first, skips re-published
 * copies, and hands first deliveries and re-deliveries to the handler, whose guarded updates
 * complete an interrupted event without counting any part twice.
 *
 * <p>A poll's records are applied as one {@link Batch} of the store: the ledger is asked for all of
 * them at once, and each touched document is written once at the end.
 */
public final class EventApplier {

  /** What became of one delivery. */
  public enum Result {
    APPLIED,
    ALREADY_APPLIED,
    DUPLICATE_SKIPPED
  }

  /** An event and where it was delivered from. */
  public record Record(EventEnvelope envelope, Delivery delivery) {}

  private final ProjectionStore store;
  private final EventHandler handler;
  private final ConsumerMetrics metrics;

  public EventApplier(ProjectionStore store, EventHandler handler, ConsumerMetrics metrics) {
    this.store = store;
    this.handler = handler;
    this.metrics = metrics;
  }

  public Result apply(EventEnvelope envelope, Delivery delivery) {
    return applyAll(List.of(new Record(envelope, delivery))).get(0);
  }

  /** Applies the records in order; returns what became of each. Any failure is thrown as is. */
  public List<Result> applyAll(List<Record> records) {
    return applyAll(records, false);
  }

  /**
   * {@link #applyAll}, but a record whose projection throws is reported as {@link RecordFailed}
   * with its index, and then nothing of the batch has been written by this call (the batch is
   * dropped; records applied one at a time after a lost race are idempotent anyway). Failures of
   * the store itself (the ledger, the commit, MongoDB unreachable) are thrown as they are: they are
   * no record's fault, and the consumer reconnects and tries again.
   */
  List<Result> applyAllReporting(List<Record> records) {
    return applyAll(records, true);
  }

  /**
   * Applies one record out of its turn ({@link Delivery#redrive}), as {@link #applyAllReporting}
   * does but without the ledger, which knows the event by its original position and would call this
   * a copy. A copy is still caught by the view's sequence.
   */
  Result redrive(Record record) {
    return applyAll(List.of(record), true).get(0);
  }

  private List<Result> applyAll(List<Record> records, boolean report) {
    List<LedgerOutcome> outcomes =
        records.size() == 1 && records.get(0).delivery().isRedrive()
            ? List.of(LedgerOutcome.FIRST)
            : store.recordDeliveries(
                records.stream()
                    .map(r -> new Delivered(r.envelope().eventId(), r.delivery()))
                    .toList());
    List<Result> results = new ArrayList<>(records.size());
    boolean committed;
    try (Batch batch = store.openBatch()) {
      for (int i = 0; i < records.size(); i++) {
        results.add(
            outcomes.get(i) == LedgerOutcome.DUPLICATE
                ? Result.DUPLICATE_SKIPPED
                : handle(records, i, report));
      }
      committed = batch.commit();
    }
    if (!committed) {
      // Another instance wrote one of the documents meanwhile (both held a partition during a
      // rebalance). Whatever the batch did write holds its offsets, so the records are applied
      // again one at a time, written at once, where a lost race is re-read and retried.
      for (int i = 0; i < records.size(); i++) {
        if (results.get(i) != Result.DUPLICATE_SKIPPED
            && handle(records, i, report) == Result.APPLIED) {
          results.set(i, Result.APPLIED);
        }
      }
    }
    for (int i = 0; i < records.size(); i++) {
      EventEnvelope envelope = records.get(i).envelope();
      switch (results.get(i)) {
        case APPLIED -> metrics.applied(envelope);
        case DUPLICATE_SKIPPED -> metrics.duplicateSkipped(envelope);
        case ALREADY_APPLIED -> {}
      }
    }
    return results;
  }

  private Result handle(List<Record> records, int index, boolean report) {
    Record record = records.get(index);
    try {
      return handler.handle(record.envelope(), record.delivery())
          ? Result.APPLIED
          : Result.ALREADY_APPLIED;
    } catch (RuntimeException e) {
      if (!report || isStoreFailure(e)) {
        throw e;
      }
      throw new RecordFailed(index, e);
    }
  }

  /** MongoDB unreachable, refusing or contended: the store's fault, not the event's. */
  static boolean isStoreFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.mongodb.MongoException || t instanceof ContendedDocumentException) {
        return true;
      }
    }
    return false;
  }
}
