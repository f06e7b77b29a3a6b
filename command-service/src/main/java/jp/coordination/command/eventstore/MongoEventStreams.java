package jp.coordination.command.eventstore;

import java.util.List;
import java.util.Optional;

/**
 * {@link EventStreams} over the stream documents, through the cache of recent streams: a stream
 * this instance used lately costs no read, any other one read by {@code _id}.
 */
public class MongoEventStreams implements EventStreams {

  private final StreamCache cache;

  public MongoEventStreams(StreamCache cache) {
    this.cache = cache;
  }

  @Override
  public Optional<StoredCommand> findCommand(String aggregateId, String commandId) {
    Optional<CachedStream> stream = cache.get(aggregateId);
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    List<CachedStream.Event> events = stream.get().events();
    String requestHash = null;
    long lastSequence = -1;
    for (CachedStream.Event event : events) {
      if (commandId.equals(event.envelope().causationId())) {
        if (lastSequence < 0) {
          requestHash = event.requestHash();
        }
        lastSequence = Math.max(lastSequence, event.envelope().sequence());
      }
    }
    if (lastSequence < 0) {
      return Optional.empty();
    }
    boolean created =
        events.get(0).envelope().sequence() == 0
            && commandId.equals(events.get(0).envelope().causationId());
    return Optional.of(
        new StoredCommand(
            stream.get().aggregateType(), aggregateId, requestHash, lastSequence, created));
  }

  @Override
  public Optional<String> aggregateTypeOf(String aggregateId) {
    return cache.get(aggregateId).map(CachedStream::aggregateType);
  }

  @Override
  public Optional<StreamScope> scopeOf(String aggregateId) {
    return cache
        .get(aggregateId)
        .map(
            stream ->
                new StreamScope(
                    stream.aggregateType(), stream.currentWard().orElse(null), stream.version()));
  }

  @Override
  public void forget(String aggregateId) {
    cache.evict(aggregateId);
  }
}
