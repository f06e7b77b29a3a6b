package jp.coordination.query.consumer;

import java.util.List;
import java.util.Optional;

/**
 * Where parked events and the per-aggregate markers live. Every lookup on the consumer's path is by
 * {@code _id}; the listings scan, which is fine for the few entries parking ever holds.
 */
public interface ParkingStore {

  Optional<ParkedEvent> find(String id);

  /** Inserts or replaces the entry with this id. */
  void save(ParkedEvent event);

  /** Every entry, active or resolved. */
  List<ParkedEvent> all();

  Optional<AggregateMarker> marker(String aggregateId);

  /** Inserts or replaces the marker; a marker with nothing in it is deleted. */
  void save(AggregateMarker marker);

  List<AggregateMarker> markers();

  /**
   * The re-drive number of a record ({@link Delivery#redrive}): the same on every call for the same
   * record id, across restarts, and different from every other record's.
   */
  long redriveNumber(String recordId);

  /**
   * What is parked of one aggregate: the ids of its parked entries in the order they arrived, and
   * the sequences an operator skipped (so that the gap they leave is accepted).
   *
   * @param unknownSkips skipped entries whose sequence could not be read; each accepts one missing
   *     sequence
   */
  record AggregateMarker(
      String aggregateId, List<String> parked, List<Long> skippedSequences, int unknownSkips) {

    public AggregateMarker {
      parked = List.copyOf(parked);
      skippedSequences = List.copyOf(skippedSequences);
    }

    static AggregateMarker empty(String aggregateId) {
      return new AggregateMarker(aggregateId, List.of(), List.of(), 0);
    }

    boolean isEmpty() {
      return parked.isEmpty() && skippedSequences.isEmpty() && unknownSkips == 0;
    }

    AggregateMarker with(String id) {
      if (parked.contains(id)) {
        return this;
      }
      List<String> next = new java.util.ArrayList<>(parked);
      next.add(id);
      return new AggregateMarker(aggregateId, next, skippedSequences, unknownSkips);
    }

    AggregateMarker without(String id) {
      List<String> next = new java.util.ArrayList<>(parked);
      next.remove(id);
      return new AggregateMarker(aggregateId, next, skippedSequences, unknownSkips);
    }

    AggregateMarker skipping(Long sequence) {
      if (sequence == null) {
        return new AggregateMarker(aggregateId, parked, skippedSequences, unknownSkips + 1);
      }
      List<Long> next = new java.util.ArrayList<>(skippedSequences);
      next.add(sequence);
      return new AggregateMarker(aggregateId, parked, next, unknownSkips);
    }
  }
}
