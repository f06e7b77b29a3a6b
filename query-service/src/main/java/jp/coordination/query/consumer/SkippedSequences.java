package jp.coordination.query.consumer;

import java.util.Optional;
import jp.coordination.query.consumer.ParkingStore.AggregateMarker;

/**
 * The gaps operators made by skipping parked events, read from the aggregates' markers. Asked only
 * when a gap appears, which is rare, so a read by {@code _id} each time is cheap enough.
 */
public final class SkippedSequences implements SequenceGaps {

  private final ParkingStore store;

  public SkippedSequences(ParkingStore store) {
    this.store = store;
  }

  @Override
  public boolean accepted(String aggregateId, long expected, long actual) {
    Optional<AggregateMarker> marker = store.marker(aggregateId);
    if (marker.isEmpty()) {
      return false;
    }
    long missing = 0;
    for (long s = expected; s < actual; s++) {
      if (!marker.get().skippedSequences().contains(s)) {
        missing++;
      }
    }
    // A skipped record whose sequence could not be read stands for one missing sequence.
    return missing <= marker.get().unknownSkips();
  }
}
