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
import java.util.function.Supplier;
import jp.coordination.command.eventstore.CachedStream;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.publication.PendingPublications.Pending;
import jp.coordination.events.envelope.EventEnvelope;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes stored events to Kafka from the streams marked pending ({@link PendingPublications}),
 * on one background thread: woken right after each successful append, and polling otherwise.
 *
 * <p>For each pending stream (listed without its events) it takes the stream from the cache of
 * recent streams if that holds it at least at the listed version, else reads it by {@code _id},
 * sends the events from the stream's published version up to what is stored, in sequence order,
 * waits for every acknowledgement, and only then settles the stream: raises its published version
 * and clears its mark in one write, conditional on the version it published up to. A crash or a
 * broker outage at any point leaves the mark, so the events are sent again: consumers see
 * duplicates (they deduplicate by event id and aggregate sequence) but never a gap. The work per
 * pass depends on the number of pending streams, not on the size of the store.
 *
 * <p>The mark is written in the same atomic write as the events, so unlike the separate markers of
 * the former layout it can never promise events that are not stored: there is no failed or slow
 * append to wait out.
 */
public class PublicationRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PublicationRelay.class);

  /** Kafka record headers. */
  public static final String HEADER_EVENT_TYPE = "eventType";

  public static final String HEADER_EVENT_ID = "eventId";

  /**
   * Tunables.
   *
   * @param pollInterval how often to look for pending streams when nothing wakes the relay
   * @param maxBackoff the longest pause between attempts while Kafka or MongoDB fails
   * @param ackTimeout how long to wait for Kafka's acknowledgements (above the producer's delivery
   *     timeout)
   * @param batchSize how many pending streams one pass handles
   */
  public record Settings(
      Duration pollInterval, Duration maxBackoff, Duration ackTimeout, int batchSize) {}

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
  private final BooleanSupplier leaseHeld;

  private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
  private final AtomicReference<Instant> oldestPendingSince = new AtomicReference<>();
  // Touched by the relay thread only (or a test driving passes): no locking.
  private boolean legacyMarkersMoved;
  private volatile boolean running;
  private Thread thread;
  private Producer<String, byte[]> producer;

  /**
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
      BooleanSupplier leaseHeld) {
    this.pending = pending;
    this.leaseHeld = leaseHeld;
    this.publishedVersions = publishedVersions;
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
          // Another instance publishes; the pending streams stay visible to the gauge through its
          // own relay.
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
   * One pass: publishes what the pending streams hold beyond their published versions and settles
   * them. Public so that tests can drive the relay step by step.
   *
   * @return the number of pending streams handled
   * @throws PublicationException when Kafka did not acknowledge every record (the marks are kept)
   */
  public int publishPending() throws InterruptedException {
    if (!legacyMarkersMoved) {
      // Once per relay: what the former layout left in publication_pending becomes marks on the
      // streams. Writers of this version write none there; the reconciliation moves any that a
      // writer of the former version still running adds later.
      pending.moveLegacyMarkers();
      legacyMarkersMoved = true;
    }
    List<Pending> listed = pending.list(settings.batchSize());
    oldestPendingSince.set(
        listed.stream().map(Pending::since).min(Comparator.naturalOrder()).orElse(null));
    if (listed.isEmpty() || !topicReady.getAsBoolean()) {
      return 0;
    }
    Producer<String, byte[]> kafka = producer();
    Map<String, Long> publishedUpTo = new HashMap<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    List<EventEnvelope> sent = new ArrayList<>();
    for (Pending stream : listed) {
      // The cache holds only stored states: one at least at the listed version is as good as a
      // read. Anything older (or nothing) is read from MongoDB.
      Optional<CachedStream> state =
          streams
              .cached(stream.aggregateId())
              .filter(cached -> cached.version() >= stream.version())
              .or(() -> streams.read(stream.aggregateId()));
      if (state.isEmpty()) {
        continue; // removed by hand since it was listed: nothing to publish or settle
      }
      List<CachedStream.Event> events = new ArrayList<>(state.get().events());
      events.sort(Comparator.comparingLong(event -> event.envelope().sequence()));
      for (CachedStream.Event stored : events) {
        if (stored.envelope().sequence() >= stream.published()) {
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
      publishedUpTo.put(stream.aggregateId(), state.get().version());
    }
    kafka.flush();
    awaitAcknowledgements(acks);
    for (EventEnvelope envelope : sent) {
      Counter.builder("coordination.events.published")
          .description("Events acknowledged by Kafka (republished ones count again)")
          .tag("type", envelope.type())
          .tag("ward", envelope.ward() == null ? "none" : envelope.ward())
          .register(meters)
          .increment();
    }
    if (!pending.settle(publishedUpTo)) {
      // A writer appended to some of these streams meanwhile: they keep their marks, but what
      // was sent is out, so the next pass need not send it again. The result has only a total,
      // so every stream gets the raise; $max makes it harmless for the settled ones.
      publishedVersions.raise(publishedUpTo);
    }
    return listed.size();
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
   * the pending streams (the others' figure stays where it was when they last published).
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

  /** Kafka did not acknowledge every record of a pass; the marks stay, the pass is retried. */
  public static class PublicationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PublicationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
