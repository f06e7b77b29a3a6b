package jp.coordination.command.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.coordination.events.envelope.EventEnvelope;

/**
 * A stream as it is stored at one version, decoded: what the cache keeps and hands out. Immutable
 * (records, an unmodifiable list, envelopes of immutable payload records), so callers can share it.
 *
 * @param aggregateType the stream's aggregate type
 * @param version the number of events
 * @param headHash the newest link of the stream's hash chain ({@code null} for a stream stored
 *     before hashing existed)
 * @param events every event, in sequence order
 */
public record CachedStream(
    String aggregateType, long version, String headHash, List<CachedStream.Event> events) {

  /**
   * One stored event.
   *
   * @param envelope the envelope exactly as appended
   * @param requestHash the hash of the request of the command that produced it
   */
  public record Event(EventEnvelope envelope, String requestHash) {}

  public CachedStream {
    events = List.copyOf(events);
  }

  /** The state after a successful append of {@code appended} onto this one. */
  CachedStream extendedWith(List<Event> appended, String newHeadHash) {
    List<Event> all = new ArrayList<>(events.size() + appended.size());
    all.addAll(events);
    all.addAll(appended);
    return new CachedStream(aggregateType, version + appended.size(), newHeadHash, all);
  }

  /** The first stored event caused by one of these commands, if any. */
  Optional<String> storedCommandAmong(Set<String> commandIds) {
    for (Event event : events) {
      String causation = event.envelope().causationId();
      if (causation != null && commandIds.contains(causation)) {
        return Optional.of(causation);
      }
    }
    return Optional.empty();
  }

  /** The ward the newest event counts for. */
  Optional<String> currentWard() {
    return events.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(events.get(events.size() - 1).envelope().ward());
  }
}
