package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.StoredEvents.AGGREGATE_TYPE;
import static jp.coordination.command.eventstore.StoredEvents.CAUSATION_ID;
import static jp.coordination.command.eventstore.StoredEvents.EVENTS;
import static jp.coordination.command.eventstore.StoredEvents.HEAD_HASH;
import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.PENDING;
import static jp.coordination.command.eventstore.StoredEvents.PENDING_SINCE;
import static jp.coordination.command.eventstore.StoredEvents.VERSION;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import jp.coordination.events.envelope.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's event storage on MongoDB with one document per aggregate stream ({@code event_streams}:
 * {@code {_id, aggregateType, version, events: [...]}}).
 *
 * <p>Appending a command's events is one atomic single-document write, conditional on the version
 * the aggregate was loaded at, so neither transactions nor sessions are needed, and loading an
 * aggregate is one read by {@code _id}: the cost of both does not depend on how many streams the
 * store holds. Tracking reads are not supported: nothing in this service tracks the store, the
 * query side reads Kafka (see docs/ARCHITECTURE.md, "Event store and publication").
 */
public class MongoEventStorageEngine implements EventStorageEngine {

  private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

  private final MongoCollection<Document> streams;
  private final StreamCache cache;
  private final StoredEvents storedEvents;
  private final PublicationOutbox outbox;
  private final Clock clock;
  private final MeterRegistry meters;
  private volatile boolean indexesReady;

  public MongoEventStorageEngine(
      MongoCollection<Document> streams,
      StreamCache cache,
      StoredEvents storedEvents,
      PublicationOutbox outbox,
      Clock clock,
      MeterRegistry meters) {
    this.streams = streams;
    this.cache = cache;
    this.storedEvents = storedEvents;
    this.outbox = outbox;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public void appendEvents(List<? extends EventMessage<?>> events) {
    if (events.isEmpty()) {
      return;
    }
    // One time for the whole append: the events of one command were recorded together.
    Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Map<String, List<DomainEventMessage<?>>> byAggregate = new LinkedHashMap<>();
    for (EventMessage<?> event : events) {
      if (!(event instanceof DomainEventMessage<?> domainEvent)) {
        throw new IllegalArgumentException(
            "Only aggregate events can be stored; got " + event.getPayloadType().getName());
      }
      byAggregate
          .computeIfAbsent(domainEvent.getAggregateIdentifier(), id -> new ArrayList<>())
          .add(domainEvent);
    }
    // Normally one aggregate per unit of work. With several, each stream is appended atomically
    // but the set is not: a later failure leaves the earlier streams appended.
    byAggregate.forEach((aggregateId, messages) -> append(aggregateId, messages, recordedAt));
  }

  private void append(
      String aggregateId, List<DomainEventMessage<?>> messages, Instant recordedAt) {
    List<EventEnvelope> envelopes = new ArrayList<>(messages.size());
    Set<String> commandIds = new LinkedHashSet<>();
    long first = messages.get(0).getSequenceNumber();
    for (int i = 0; i < messages.size(); i++) {
      DomainEventMessage<?> message = messages.get(i);
      if (message.getSequenceNumber() != first + i) {
        throw new IllegalArgumentException(
            "Events of " + aggregateId + " are not contiguous from sequence " + first);
      }
      EventEnvelope envelope = storedEvents.toEnvelope(message, recordedAt);
      envelopes.add(envelope);
      if (envelope.causationId() != null) {
        commandIds.add(envelope.causationId());
      }
    }
    long last = first + messages.size() - 1;
    String aggregateType = envelopes.get(0).aggregateType();

    ensureIndexes();
    Timer.Sample sample = Timer.start(meters);
    String outcome = "error";
    try {
      refuseIfScopeCheckedElsewhere(aggregateId, first, messages.get(0));
      // The hash chain continues from the head of the state just checked: no extra read. The
      // write below only succeeds if the stream still has exactly `first` events, i.e. this head.
      CachedStream base =
          first > 0
              ? checkExtendable(aggregateId, first, commandIds)
              : new CachedStream(aggregateType, 0, EventHashChain.GENESIS, List.of());
      String previousHash = base.headHash();
      List<Document> documents = new ArrayList<>(messages.size());
      List<CachedStream.Event> appended = new ArrayList<>(messages.size());
      for (int i = 0; i < envelopes.size(); i++) {
        EventEnvelope envelope = envelopes.get(i);
        String requestHash = StoredEvents.requestHashOf(messages.get(i));
        byte[] encoded = storedEvents.codec().encode(envelope);
        previousHash = EventHashChain.next(previousHash, encoded, requestHash);
        documents.add(storedEvents.toDocument(envelope, requestHash, previousHash));
        // Cached as a read would give it back (decoded from the bytes, byte for byte the same),
        // and sharing no object with the aggregate that applied it.
        appended.add(new CachedStream.Event(storedEvents.codec().decode(encoded), requestHash));
      }
      String headHash = previousHash;
      Date pendingSince = Date.from(recordedAt);
      if (first == 0) {
        create(aggregateId, aggregateType, documents, last, headHash, pendingSince, commandIds);
      } else {
        extend(aggregateId, documents, first, last, headHash, pendingSince, commandIds);
      }
      // Written conditionally on exactly `base`: base plus these events is what is stored now.
      cache.offer(aggregateId, base.extendedWith(appended, headHash));
      outcome = "stored";
    } catch (DuplicateCommandException e) {
      outcome = "duplicate";
      cache.evict(aggregateId);
      throw e;
    } catch (AggregateAlreadyExistsException e) {
      outcome = "exists";
      cache.evict(aggregateId);
      throw e;
    } catch (ConcurrencyException e) {
      // The cache was behind (or another writer won): the retry must decide on MongoDB's state.
      outcome = "conflict";
      cache.evict(aggregateId);
      throw e;
    } catch (RuntimeException e) {
      // Unknown whether the write happened: the cache must not claim either state.
      cache.evict(aggregateId);
      throw e;
    } finally {
      sample.stop(
          Timer.builder("coordination.events.append")
              .description("Time to append one command's events to an aggregate stream")
              .tag("outcome", outcome)
              // Buckets, so that Prometheus computes percentiles over instances; one tag, few
              // series.
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(10))
              .register(meters));
    }
    for (EventEnvelope envelope : envelopes) {
      Counter.builder("coordination.events.stored")
          .description("Events stored in the event store")
          .tag("type", envelope.type())
          .tag("ward", envelope.ward() == null ? "none" : envelope.ward())
          .register(meters)
          .increment();
    }
    outbox.afterAppend(aggregateId);
  }

  private void create(
      String aggregateId,
      String aggregateType,
      List<Document> documents,
      long last,
      String headHash,
      Date pendingSince,
      Set<String> commandIds) {
    // The promise to publish is part of the document that holds the events: no event can exist
    // without it, and it costs no write of its own.
    Document stream =
        new Document(ID, aggregateId)
            .append(AGGREGATE_TYPE, aggregateType)
            .append(VERSION, last + 1)
            .append(HEAD_HASH, headHash)
            .append(PENDING, aggregateId)
            .append(PENDING_SINCE, pendingSince)
            .append(EVENTS, documents);
    try {
      streams.insertOne(stream);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      Document existing =
          streams
              .find(Filters.eq(ID, aggregateId))
              .projection(Projections.slice(EVENTS, 1))
              .first();
      String creator =
          existing == null || StoredEvents.eventsOf(existing).isEmpty()
              ? null
              : StoredEvents.eventsOf(existing).get(0).getString(CAUSATION_ID);
      if (creator != null && commandIds.contains(creator)) {
        throw new DuplicateCommandException(aggregateId, creator);
      }
      throw new AggregateAlreadyExistsException(aggregateId);
    }
  }

  /**
   * A ward-scoped user's command carries the version its scope check saw ({@link
   * CommandMetadata#SCOPE_CHECKED}). Appending at any other version would act on a ward nobody
   * checked, so it is refused as a conflict, and the dispatcher redoes the check on fresh data.
   */
  private void refuseIfScopeCheckedElsewhere(
      String aggregateId, long first, DomainEventMessage<?> message) {
    Object checked = message.getMetaData().get(CommandMetadata.SCOPE_CHECKED);
    if (checked == null) {
      return;
    }
    String expected = CommandMetadata.scopeChecked(aggregateId, first);
    String text = checked.toString();
    if (text.startsWith(aggregateId + "@") && !text.equals(expected)) {
      throw new ConcurrencyException(
          "Aggregate "
              + aggregateId
              + " changed between the scope check ("
              + text
              + ") and its load at version "
              + first);
    }
  }

  /**
   * Refuses a retried command, or an append that is already outdated, before anything is written,
   * and returns the state the append extends. Streams only grow, and the write in {@link #extend}
   * only succeeds if the stream still has exactly {@code first} events: a cached state at version
   * {@code first} is therefore exactly the stored one the write will act on, and no read is needed.
   * Otherwise MongoDB is asked.
   */
  private CachedStream checkExtendable(String aggregateId, long first, Set<String> commandIds) {
    Optional<CachedStream> cached =
        cache.cached(aggregateId).filter(stream -> stream.version() == first);
    CachedStream current = cached.isPresent() ? cached.get() : cache.read(aggregateId).orElse(null);
    if (current == null) {
      throw new ConcurrencyException(
          "Aggregate " + aggregateId + " has no stream to append to at sequence " + first);
    }
    Optional<String> stored = current.storedCommandAmong(commandIds);
    if (stored.isPresent()) {
      throw new DuplicateCommandException(aggregateId, stored.get());
    }
    if (current.version() != first) {
      log.debug(
          "Concurrent append on {}: expected version {}, found {}",
          aggregateId,
          first,
          current.version());
      throw new ConcurrencyException(
          "Aggregate "
              + aggregateId
              + " was modified concurrently: expected version "
              + first
              + ", found "
              + current.version());
    }
    // A stream stored before hashing existed has no head: its new events chain from an unknown
    // predecessor, which the audit verifier reports (docs/AUDIT.md).
    return current;
  }

  private void extend(
      String aggregateId,
      List<Document> documents,
      long first,
      long last,
      String headHash,
      Date pendingSince,
      Set<String> commandIds) {
    // A plain {_id, version} filter, not Filters.and (which renders as $and): with the unique
    // index on exactly these keys the MongoDB stand-in answers it by index instead of a scan.
    Document expected = new Document(ID, aggregateId).append(VERSION, first);
    UpdateResult result =
        streams.updateOne(
            expected,
            Updates.combine(
                Updates.pushEach(EVENTS, documents),
                Updates.set(VERSION, last + 1),
                Updates.set(HEAD_HASH, headHash),
                // In the same atomic write as the events (see create). $min keeps the time of
                // the oldest append still unpublished, for the oldest-unpublished-age gauge.
                StoredEvents.markPending(aggregateId, pendingSince)));
    if (result.getMatchedCount() == 1) {
      return;
    }
    // Another writer got there between the check and the write: tell a racing retry of the same
    // command from a different command.
    Document current = streams.find(Filters.eq(ID, aggregateId)).first();
    if (current != null) {
      for (Document stored : StoredEvents.eventsOf(current)) {
        String causation = stored.getString(CAUSATION_ID);
        if (causation != null && commandIds.contains(causation)) {
          throw new DuplicateCommandException(aggregateId, causation);
        }
      }
    }
    throw new ConcurrencyException(
        "Aggregate " + aggregateId + " was modified concurrently at version " + first);
  }

  /**
   * Creates the one secondary index the store needs: unique {@code {_id, version}}. It adds no
   * constraint (the {@code _id} is unique already); it exists so that the conditional append's
   * filter has an index with exactly its keys, which the MongoDB stand-in requires to avoid a scan.
   * Idempotent; called before the first append.
   */
  public void ensureIndexes() {
    if (!indexesReady) {
      streams.createIndex(
          Indexes.ascending(ID, VERSION), new IndexOptions().unique(true).name("stream_version"));
      indexesReady = true;
    }
  }

  @Override
  public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
    // A cached state may be behind the store; the append's version condition catches that.
    Optional<CachedStream> stream = cache.get(aggregateIdentifier);
    if (stream.isEmpty()) {
      return DomainEventStream.empty();
    }
    // The whole stream is one document: filtering here is cheaper than a second round trip.
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    for (CachedStream.Event stored : stream.get().events()) {
      if (stored.envelope().sequence() >= firstSequenceNumber) {
        messages.add(storedEvents.toMessage(stored.envelope(), stored.requestHash()));
      }
    }
    return DomainEventStream.of(messages);
  }

  @Override
  public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
    return cache
        .get(aggregateIdentifier)
        .filter(stream -> stream.version() > 0)
        .map(stream -> stream.version() - 1);
  }

  /** Not needed: loading a stream is one read of one document however long it is. */
  @Override
  public void storeSnapshot(DomainEventMessage<?> snapshot) {
    // Deliberately nothing: see the class comment and docs/ARCHITECTURE.md.
  }

  @Override
  public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
    return Optional.empty();
  }

  @Override
  public Stream<? extends TrackedEventMessage<?>> readEvents(
      TrackingToken trackingToken, boolean mayBlock) {
    throw trackingUnsupported();
  }

  @Override
  public TrackingToken createTailToken() {
    throw trackingUnsupported();
  }

  @Override
  public TrackingToken createHeadToken() {
    throw trackingUnsupported();
  }

  @Override
  public TrackingToken createTokenAt(Instant dateTime) {
    throw trackingUnsupported();
  }

  private static UnsupportedOperationException trackingUnsupported() {
    return new UnsupportedOperationException(
        "The MongoDB event store keeps one document per aggregate and has no global order to track."
            + " Event handlers in the command service must use subscribing processors; read models"
            + " consume the Kafka topic instead.");
  }
}
