package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.StoredEvents.AGGREGATE_TYPE;
import static jp.coordination.command.eventstore.StoredEvents.HEAD_HASH;
import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.REQUEST_HASH;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The recently used streams of this instance, decoded, by aggregate id, bounded by size.
 *
 * <p>Why a cache may serve a store that other instances write too: every append is conditional on
 * the exact version {@code {_id, version}} its decision was made on. An entry that is behind the
 * store can therefore only make an append fail (a {@code ConcurrencyException}), never store a
 * wrong event; the failure evicts the entry and the command is redone on what MongoDB holds
 * (docs/adr/0005-cache-of-recent-streams.md). Entries only ever move forward: an older read never
 * replaces a newer state. Absence is not cached, because another instance may create the stream.
 */
public class StreamCache {

  private final MongoCollection<Document> streams;
  private final StoredEvents storedEvents;
  private final Cache<String, CachedStream> cache;

  public StreamCache(
      MongoCollection<Document> streams, StoredEvents storedEvents, long maximumStreams) {
    this.streams = streams;
    this.storedEvents = storedEvents;
    this.cache = Caffeine.newBuilder().maximumSize(maximumStreams).recordStats().build();
  }

  /**
   * Publishes the cache's hit, miss and eviction counts as {@code cache.*{cache=event_streams}}.
   */
  public StreamCache monitoredBy(MeterRegistry meters) {
    CaffeineCacheMetrics.monitor(meters, cache, StoredEvents.STREAMS);
    return this;
  }

  /** The stream as cached, without a read; it may be behind the store. */
  public Optional<CachedStream> cached(String aggregateId) {
    return Optional.ofNullable(cache.getIfPresent(aggregateId));
  }

  /** The stream from the cache, or read from MongoDB (one read by {@code _id}) and cached. */
  public Optional<CachedStream> get(String aggregateId) {
    CachedStream cached = cache.getIfPresent(aggregateId);
    return cached != null ? Optional.of(cached) : read(aggregateId);
  }

  /** The stream as MongoDB holds it now, bypassing the cache (and refreshing it). */
  public Optional<CachedStream> read(String aggregateId) {
    Document document = streams.find(Filters.eq(ID, aggregateId)).first();
    if (document == null) {
      return Optional.empty();
    }
    CachedStream stream = decode(document);
    offer(aggregateId, stream);
    return Optional.of(stream);
  }

  /**
   * Records a state of the stream known to be stored, unless the cache already holds a newer one.
   */
  void offer(String aggregateId, CachedStream stream) {
    cache
        .asMap()
        .merge(
            aggregateId,
            stream,
            (held, offered) -> offered.version() >= held.version() ? offered : held);
  }

  /** Forgets the stream, so that the next use reads MongoDB. */
  public void evict(String aggregateId) {
    cache.invalidate(aggregateId);
  }

  private CachedStream decode(Document document) {
    List<Document> stored = StoredEvents.eventsOf(document);
    List<CachedStream.Event> events = new ArrayList<>(stored.size());
    for (Document event : stored) {
      events.add(
          new CachedStream.Event(storedEvents.fromDocument(event), event.getString(REQUEST_HASH)));
    }
    return new CachedStream(
        document.getString(AGGREGATE_TYPE),
        StoredEvents.versionOf(document),
        document.getString(HEAD_HASH),
        events);
  }
}
