package jp.coordination.query.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Parking in memory, for tests; same contract as {@link MongoParkingStore}. */
public final class InMemoryParkingStore implements ParkingStore {

  private final Map<String, ParkedEvent> events = new ConcurrentHashMap<>();
  private final Map<String, AggregateMarker> markers = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong redrives =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, Long> redriveNumbers = new ConcurrentHashMap<>();

  @Override
  public Optional<ParkedEvent> find(String id) {
    return Optional.ofNullable(events.get(id));
  }

  @Override
  public void save(ParkedEvent event) {
    events.put(event.id(), event);
  }

  @Override
  public List<ParkedEvent> all() {
    return new ArrayList<>(events.values());
  }

  @Override
  public Optional<AggregateMarker> marker(String aggregateId) {
    return Optional.ofNullable(markers.get(aggregateId));
  }

  @Override
  public void save(AggregateMarker marker) {
    if (marker.isEmpty()) {
      markers.remove(marker.aggregateId());
    } else {
      markers.put(marker.aggregateId(), marker);
    }
  }

  @Override
  public long redriveNumber(String recordId) {
    return redriveNumbers.computeIfAbsent(recordId, id -> redrives.incrementAndGet());
  }

  @Override
  public List<AggregateMarker> markers() {
    return new ArrayList<>(markers.values());
  }
}
