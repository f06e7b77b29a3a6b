package jp.coordination.query.views;

import java.util.List;
import java.util.Optional;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.consumer.ContendedDocumentException;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.EventHandler;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.SequenceGap;
import jp.coordination.query.consumer.SequenceGaps;
import jp.coordination.query.consumer.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each event to its aggregate's view and to the read models that depend on the change.
 *
 * <p>Order matters: the dependent read models first, the view last. The view therefore still holds
 * the state before the event until everything else has absorbed it; if the service dies in between,
 * the re-delivery sees the same "before", recomputes the same change, and the dependent documents'
 * {@code pos} guards skip what was already written. A view that holds this delivery's offset means
 * the event is completely applied.
 */
public final class ViewProjector implements EventHandler {

  /**
   * The documents whose write marks an event as completely applied, so a store that writes a batch
   * at once writes them last ({@link jp.coordination.query.consumer.BatchingProjectionStore}).
   */
  public static final List<DocumentKind<? extends AggregateView>> WRITTEN_LAST = Views.ALL;

  private static final Logger log = LoggerFactory.getLogger(ViewProjector.class);
  private static final int MAX_ATTEMPTS = 20;

  private final ProjectionStore store;
  private final List<AggregateChangeProjection> dependents;
  private final SequenceGaps acceptedGaps;

  public ViewProjector(ProjectionStore store, List<AggregateChangeProjection> dependents) {
    this(store, dependents, SequenceGaps.NONE);
  }

  /**
   * @param acceptedGaps the gaps an operator made by skipping parked events
   */
  public ViewProjector(
      ProjectionStore store,
      List<AggregateChangeProjection> dependents,
      SequenceGaps acceptedGaps) {
    this.store = store;
    this.dependents = List.copyOf(dependents);
    this.acceptedGaps = acceptedGaps;
  }

  @Override
  public boolean handle(EventEnvelope envelope, Delivery delivery) {
    DocumentKind<AggregateView> kind = Views.kindOf(envelope.payload());
    String id = envelope.aggregateId();
    boolean gapConfirmed = false;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<AggregateView>> current = store.readForUpdate(kind, id);
      if (current.isPresent() && current.get().hasApplied(delivery)) {
        return false;
      }
      AggregateView before = current.map(Versioned::state).orElse(null);
      if (before != null && before.sequence() >= envelope.sequence()) {
        // An older event of this aggregate at a new offset that the ledger did not catch (e.g. the
        // ledger was pruned): applying it would count it twice.
        log.warn(
            "Skipping event {} of {} at sequence {}: view is already at sequence {}",
            envelope.eventId(),
            envelope.aggregateType(),
            envelope.sequence(),
            before.sequence());
        return false;
      }
      // The view's sequence is the last one applied: only the next one may follow (events.md:
      // sequences have no gaps). A later one that comes first waits for the missing one.
      long expected = before == null ? 0 : before.sequence() + 1;
      if (envelope.sequence() > expected
          && !acceptedGaps.accepted(id, expected, envelope.sequence())) {
        if (!gapConfirmed) {
          // The view may come from this instance's memory, from before its partition went to
          // another instance that applied the events in between; no conditional write follows a
          // gap to expose that, so read the database before holding the event.
          store.forgetForUpdate(kind, id);
          gapConfirmed = true;
          continue;
        }
        throw new SequenceGap(id, expected, envelope.sequence());
      }
      AggregateChange change = AggregateChange.of(before, envelope);
      for (AggregateChangeProjection dependent : dependents) {
        dependent.apply(change, delivery);
      }
      Versioned<AggregateView> next =
          current
              .map(c -> c.next(change.after(), delivery))
              .orElseGet(() -> Versioned.first(change.after(), delivery));
      if (store.replace(kind, id, current.map(Versioned::v).orElse(0L), next)) {
        return true;
      }
      // Another instance wrote the view meanwhile (both held the partition during a rebalance):
      // re-read; most likely it has applied this very delivery and we are done.
      GuardedUpdate.backOff(attempt);
    }
    throw new ContendedDocumentException(kind.collection(), id, MAX_ATTEMPTS);
  }
}
