package jp.coordination.command.publication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import jp.coordination.command.eventstore.CachedStream;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.publication.PendingPublications.Marker;
import jp.coordination.events.envelope.EventEnvelope;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes stored events to Kafka from the pending-publication markers, on one background thread:
 * woken right after each successful append, and polling otherwise.
 *
 * <p>For each marker it takes the stream from the cache of recent streams if that holds every
 * promised event, else reads it by {@code _id}, sends the events from {@code from} up to what is
 * stored, in sequence order, waits for every acknowledgement, and only then removes the marker, and
 * only if no writer touched it meanwhile. A crash or a broker outage at any point leaves the
 * marker, so the events are sent again: consumers see duplicates (they deduplicate by event id and
 * aggregate sequence) but never a gap. The work per pass depends on the number of markers, not on
 * the size of the store.
 *
 * <p>Before removing markers it raises each stream's published version ({@link PublishedVersions}),
 * and only ever to a version up to which every event is out: a pass starts at the stream's
 * published version when the marker starts later (a marker lost meanwhile left a hole), so the
 * published version is contiguous and the {@link PublicationReconciliation} can trust it.
 *
 * <p>A marker that promises events the stream does not hold is dropped only when this relay has
 * seen it unchanged for {@code staleMarkerAfter} by its own monotonic clock and a read of the
 * stream in MongoDB still lacks them: no writer's wall clock is compared with another's. If the
 * append was merely slow (a failover can take longer) and lands afterwards, its events are
 * published by the next pass over that stream, or found by the reconciliation: a dropped marker
 * delays, never loses.
 */
public class PublicationRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PublicationRelay.class);

  /** Kafka record headers. */
  public static final String HEADER_EVENT_TYPE = "eventType";

  public static final String HEADER_EVENT_ID = "eventId";

  /**
   * Tunables.
   *
   * @param pollInterval how often to look for markers when nothing wakes the relay
   * @param staleMarkerAfter after this long without a writer, a marker promising more events than
   *     are stored belongs to an append that failed; must exceed any append's duration
   * @param maxBackoff the longest pause between attempts while Kafka or MongoDB fails
   * @param ackTimeout how long to wait for Kafka's acknowledgements (above the producer's delivery
   *     timeout)
   * @param batchSize how many markers one pass handles
   */
  public record Settings(
      Duration pollInterval,
      Duration staleMarkerAfter,
      Duration maxBackoff,
      Duration ackTimeout,
      int batchSize) {}

  private final PendingPublications pending;
  private final StreamCache streams;
  private final StoredEvents storedEvents;
  private final Supplier<Producer<String, byte[]>> producers;
  private final String topic;
  private final BooleanSupplier topicReady;
  private final Settings settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PublishedVersions publishedVersions;
  private final LongSupplier ticker;
  private final BooleanSupplier leaseHeld;

  private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
  private final AtomicReference<Instant> oldestPendingSince = new AtomicReference<>();
  // Touched by the relay thread only (or a test driving passes): no locking.
  private final Map<String, Unchanged> incomplete = new HashMap<>();
  private final Map<String, Long> knownPublished =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > KNOWN_PUBLISHED_LIMIT;
        }
      };
  private static final int KNOWN_PUBLISHED_LIMIT = 50_000;
  private volatile boolean running;
  private Thread thread;
  private Producer<String, byte[]> producer;

  public PublicationRelay(
      PendingPublications pending,
      StreamCache streams,
      StoredEvents storedEvents,
      PublishedVersions publishedVersions,
      Supplier<Producer<String, byte[]>> producers,
      String topic,
      BooleanSupplier topicReady,
      Settings settings,
      Clock clock,
      MeterRegistry meters,
      BooleanSupplier leaseHeld) {
    this(
        pending,
        streams,
        storedEvents,
        publishedVersions,
        producers,
        topic,
        topicReady,
        settings,
        clock,
        meters,
        System::nanoTime,
        leaseHeld);
  }

  /**
   * @param ticker a monotonic clock in nanoseconds ({@link System#nanoTime}), for how long a marker
   *     has stayed unchanged
   * @param leaseHeld whether this instance holds the relay's lease: the background thread publishes
   *     only then (passes driven by {@link #publishPending} do not ask)
   */
  public PublicationRelay(
      PendingPublications pending,
      StreamCache streams,
      StoredEvents storedEvents,
      PublishedVersions publishedVersions,
      Supplier<Producer<String, byte[]>> producers,
      String topic,
      BooleanSupplier topicReady,
      Settings settings,
      Clock clock,
      MeterRegistry meters,
      LongSupplier ticker,
      BooleanSupplier leaseHeld) {
    this.pending = pending;
    this.leaseHeld = leaseHeld;
    this.publishedVersions = publishedVersions;
    this.ticker = ticker;
    this.streams = streams;
    this.storedEvents = storedEvents;
    this.producers = producers;
    this.topic = topic;
    this.topicReady = topicReady;
    this.settings = settings;
    this.clock = clock;
    this.meters = meters;
    Gauge.builder(
            "coordination.publication.oldest.unpublished.age", this, r -> r.oldestAgeSeconds())
        .description("Seconds since the oldest still unpublished append was recorded; 0 when none")
        .baseUnit("seconds")
        .register(meters);
  }

  /** Starts the relay thread and lets appends wake it. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    pending.onAppended(this::wake);
    thread = new Thread(this::run, "publication-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks the relay to look for work now; never blocks. */
  public void wake() {
    wakeUps.offer(Boolean.TRUE);
  }

  @Override
  public synchronized void close() {
    running = false;
    pending.onAppended(() -> {});
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    discardProducer();
  }

  private void run() {
    int failures = 0;
    while (running) {
      try {
        if (!leaseHeld.getAsBoolean()) {
          // Another instance publishes; its markers stay visible to the gauge through its own
          // relay.
          awaitWakeUp(settings.pollInterval());
          continue;
        }
        int handled = publishPending();
        if (failures > 0) {
          log.info("Publication to Kafka resumed after {} failed attempts", failures);
        }
        failures = 0;
        if (handled < settings.batchSize()) {
          awaitWakeUp(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures++;
        discardProducer();
        long backoff =
            Math.min(
                settings.maxBackoff().toMillis(),
                settings.pollInterval().toMillis() << Math.min(failures, 10));
        if (failures == 1 || failures % 20 == 0) {
          log.warn(
              "Publication failed (attempt {}), retrying in {} ms: {}",
              failures,
              backoff,
              e.toString());
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void awaitWakeUp(Duration timeout) throws InterruptedException {
    wakeUps.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    wakeUps.clear();
  }

  /**
   * One pass: publishes what the markers point at and cleans up the markers. Public so that tests
   * can drive the relay step by step.
   *
   * @return the number of markers handled
   * @throws PublicationException when Kafka did not acknowledge every record (markers are kept)
   */
  public int publishPending() throws InterruptedException {
    List<Marker> markers = pending.list(settings.batchSize());
    oldestPendingSince.set(
        markers.stream().map(Marker::since).min(Comparator.naturalOrder()).orElse(null));
    if (markers.isEmpty() || !topicReady.getAsBoolean()) {
      return 0;
    }
    Producer<String, byte[]> kafka = producer();
    List<Planned> plans = new ArrayList<>(markers.size());
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    List<EventEnvelope> sent = new ArrayList<>();
    for (Marker marker : markers) {
      // The cache holds only stored states: one that has every event the marker promises is as
      // good as a read. Anything older (or nothing) is read from MongoDB.
      Optional<CachedStream> stream =
          streams
              .cached(marker.aggregateId())
              .filter(cached -> cached.version() > marker.upTo())
              .or(() -> streams.read(marker.aggregateId()));
      long version = stream.map(CachedStream::version).orElse(0L);
      long last = Math.min(marker.upTo(), version - 1);
      long start =
          stream.isPresent() ? Math.min(marker.from(), publishedBefore(marker)) : marker.from();
      if (stream.isPresent()) {
        List<CachedStream.Event> events = new ArrayList<>(stream.get().events());
        events.sort(Comparator.comparingLong(event -> event.envelope().sequence()));
        for (CachedStream.Event stored : events) {
          long sequence = stored.envelope().sequence();
          if (sequence >= start && sequence <= last) {
            Future<RecordMetadata> ack = kafka.send(record(stored.envelope()));
            if (ack.isDone()) {
              // Failed before reaching the producer's buffer (no broker metadata within max.block):
              // end the pass here, or a later event sent once the broker is back would overtake it.
              awaitAcknowledgements(List.of(ack));
            }
            acks.add(ack);
            sent.add(stored.envelope());
          }
        }
      }
      plans.add(new Planned(marker, version, last));
    }
    kafka.flush();
    awaitAcknowledgements(acks);
    // Raised before any marker goes: a stream never looks fully published while its marker is gone
    // and its published version is behind, except to a reconciliation racing this very pass.
    Map<String, Long> published = new HashMap<>();
    for (Planned plan : plans) {
      if (plan.version() > 0) {
        published.put(plan.marker().aggregateId(), plan.lastSent() + 1);
      }
    }
    publishedVersions.raise(published);
    published.forEach((id, upTo) -> knownPublished.merge(id, upTo, Math::max));
    for (EventEnvelope envelope : sent) {
      Counter.builder("coordination.events.published")
          .description("Events acknowledged by Kafka (republished ones count again)")
          .tag("type", envelope.type())
          .tag("ward", envelope.ward() == null ? "none" : envelope.ward())
          .register(meters)
          .increment();
    }
    List<Planned> complete = new ArrayList<>(plans.size());
    for (Planned plan : plans) {
      if (plan.marker().upTo() < plan.version()) {
        incomplete.remove(plan.marker().aggregateId());
        complete.add(plan);
      } else {
        settleIncomplete(plan);
      }
    }
    settleComplete(complete);
    if (markers.size() < settings.batchSize()) {
      // Every marker was listed: observations of markers gone meanwhile are dropped.
      incomplete.keySet().retainAll(markers.stream().map(Marker::aggregateId).toList());
    }
    return markers.size();
  }

  /**
   * Everything these markers promised is stored and acknowledged: they are removed in one round
   * trip, each only if no writer touched it meanwhile. A writer's marker must be kept and skip what
   * is already out; the bulk result has only a total, so when it falls short every marker of the
   * batch gets its {@code from} advanced. That is harmless for the removed ones: the update matches
   * nothing (no upsert), and a marker a writer created since starts at or after the version this
   * pass saw, which {@code $max} keeps.
   */
  private void settleComplete(List<Planned> complete) {
    List<Marker> markers = complete.stream().map(Planned::marker).toList();
    if (pending.removeAllIfUnchanged(markers)) {
      return;
    }
    for (Planned plan : complete) {
      pending.advanceFrom(plan.marker().aggregateId(), plan.lastSent() + 1);
    }
  }

  private void settleIncomplete(Planned plan) {
    Marker marker = plan.marker();
    long firstUnpublished = plan.lastSent() + 1;
    // The marker promises more than is stored: an append is in flight, or it failed.
    if (firstUnpublished > marker.from()) {
      pending.advanceFrom(marker.aggregateId(), firstUnpublished);
    }
    long now = ticker.getAsLong();
    Unchanged seen = incomplete.get(marker.aggregateId());
    if (seen == null || seen.rev() != marker.rev() || seen.upTo() != marker.upTo()) {
      incomplete.put(marker.aggregateId(), new Unchanged(marker.rev(), marker.upTo(), now));
      return;
    }
    if (now - seen.sinceNanos() <= settings.staleMarkerAfter().toNanos()) {
      return;
    }
    // Quiet for long enough by this relay's own clock. The cache may be behind another instance's
    // append, so the store itself decides whether the promised events exist.
    long stored = streams.read(marker.aggregateId()).map(CachedStream::version).orElse(0L);
    if (stored > marker.upTo()) {
      return; // they landed: the next pass publishes them
    }
    if (pending.removeIfUnchanged(marker)) {
      incomplete.remove(marker.aggregateId());
      log.info(
          "Dropped the publication marker of {}: events {}..{} not stored after {} unchanged (failed append);"
              + " should they land later, the next pass over the stream or the reconciliation publishes them",
          marker.aggregateId(),
          stored,
          marker.upTo(),
          settings.staleMarkerAfter());
    }
  }

  /**
   * The number of the stream's events known to be on Kafka from the first on, as far as this pass
   * needs it: a marker starting at 0 needs nothing, one starting where this relay last left the
   * stream needs no read; otherwise the stream's published version is read from MongoDB.
   */
  private long publishedBefore(Marker marker) {
    if (marker.from() == 0) {
      return 0;
    }
    Long known = knownPublished.get(marker.aggregateId());
    if (known != null && known >= marker.from()) {
      return known;
    }
    long published = publishedVersions.read(marker.aggregateId());
    knownPublished.merge(marker.aggregateId(), published, Math::max);
    return published;
  }

  private void awaitAcknowledgements(List<Future<RecordMetadata>> acks)
      throws InterruptedException {
    long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new PublicationException("Kafka refused an event", e.getCause());
      } catch (TimeoutException e) {
        throw new PublicationException("Kafka did not acknowledge in time", e);
      }
    }
  }

  private ProducerRecord<String, byte[]> record(EventEnvelope envelope) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, envelope.aggregateId(), storedEvents.codec().encode(envelope));
    record.headers().add(HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8));
    record.headers().add(HEADER_EVENT_ID, envelope.eventId().getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      producer = producers.get();
    }
    return producer;
  }

  // A producer that failed may hold a poisoned sequence state; a new one starts clean.
  private void discardProducer() {
    Producer<String, byte[]> current = producer;
    producer = null;
    if (current != null) {
      try {
        current.close(Duration.ZERO);
      } catch (RuntimeException e) {
        log.debug("Closing the failed producer: {}", e.toString());
      }
    }
  }

  /**
   * Whether this instance holds the relay's lease: only then does {@link #oldestAgeSeconds} follow
   * the markers (the others' figure stays where it was when they last published).
   */
  boolean publishesHere() {
    return running && leaseHeld.getAsBoolean();
  }

  double oldestAgeSeconds() {
    Instant since = oldestPendingSince.get();
    if (since == null) {
      return 0;
    }
    return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
  }

  private record Planned(Marker marker, long version, long lastSent) {}

  /**
   * A marker state promising unstored events, and since when (ticker) this relay has seen it so.
   */
  private record Unchanged(long rev, long upTo, long sinceNanos) {}

  /** Kafka did not acknowledge every record of a pass; the markers stay, the pass is retried. */
  public static class PublicationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PublicationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
