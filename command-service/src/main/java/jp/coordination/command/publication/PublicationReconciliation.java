package jp.coordination.command.publication;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.coordination.command.eventstore.StoredEvents;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Finds streams whose publication was missed and repairs them: every stream's stored {@code
 * version} against its published version ({@link PublishedVersions}); one that is behind and not
 * marked pending is marked again, and the relay publishes the rest.
 *
 * <p>The pending mark is written with the events themselves and normally suffices. This pass is the
 * second line for what it cannot cover: a mark removed by hand, streams written by a former version
 * whose marker was moved before its append landed, or streams written before published versions
 * were recorded (those have none and are published once more: consumers deduplicate by event id and
 * sequence). It also moves any marker that a writer of the former version added to {@code
 * publication_pending} since the relay started.
 *
 * <p>It reads the whole {@code event_streams} collection (only {@code version}, {@code published}
 * and {@code pending} of each document), so it runs rarely ({@code
 * coordination.publication.reconcile-interval}); a stream behind that is marked is a publication in
 * progress and is only counted.
 */
public class PublicationReconciliation implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PublicationReconciliation.class);

  /** What one pass found. */
  public record Result(long streams, long behind, long repaired) {}

  private final MongoCollection<Document> streams;
  private final PendingPublications pending;
  private final Runnable wakeRelay;
  private final Duration interval;
  private final java.util.function.BooleanSupplier leaseHeld;
  private final AtomicLong behind = new AtomicLong();
  private final Counter repairedCounter;
  private ScheduledExecutorService executor;

  public PublicationReconciliation(
      MongoCollection<Document> streams,
      PendingPublications pending,
      Runnable wakeRelay,
      Duration interval,
      MeterRegistry meters,
      java.util.function.BooleanSupplier leaseHeld) {
    this.leaseHeld = leaseHeld;
    this.streams = streams;
    this.pending = pending;
    this.wakeRelay = wakeRelay;
    this.interval = interval;
    Gauge.builder("coordination.publication.streams.behind", behind, AtomicLong::get)
        .description(
            "Streams whose stored version exceeded their published version at the last reconciliation")
        .register(meters);
    this.repairedCounter =
        Counter.builder("coordination.publication.streams.repaired")
            .description("Streams found behind publication with no marker, and marked again")
            .register(meters);
  }

  /** One pass over every stream. Public so that tests and operators can run it at once. */
  public Result reconcile() {
    int moved = pending.moveLegacyMarkers();
    long repaired = 0;
    long scanned = 0;
    long behindNow = 0;
    Document fields =
        new Document(StoredEvents.VERSION, 1)
            .append(PublishedVersions.PUBLISHED, 1)
            .append(StoredEvents.PENDING, 1);
    for (Document stream : streams.find().projection(fields).batchSize(1000)) {
      scanned++;
      String id = stream.getString(StoredEvents.ID);
      long version = number(stream.get(StoredEvents.VERSION));
      long published = PublishedVersions.of(stream);
      if (published >= version) {
        continue;
      }
      behindNow++;
      // The mark, the version and the published version are read from one document, which the
      // relay settles in one write: a mark seen gone with the stream behind is really missing.
      if (stream.get(StoredEvents.PENDING) != null) {
        continue; // a publication in progress: the mark covers it
      }
      if (!pending.markAgain(id, version)) {
        continue; // an append changed the stream meanwhile, and marked it
      }
      repaired++;
      log.warn(
          "Stream {} was stored up to version {} but published only up to {} and not marked: marked for publication",
          id,
          version,
          published);
    }
    behind.set(behindNow);
    if (repaired > 0) {
      repairedCounter.increment(repaired);
    }
    if (repaired > 0 || moved > 0) {
      wakeRelay.run();
    }
    return new Result(scanned, behindNow, repaired);
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  @Override
  public synchronized void start() {
    if (interval == null || interval.isZero() || interval.isNegative()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "publication-reconciliation");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(
        this::runOnce, Math.min(millis, 60_000), millis, TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    if (!leaseHeld.getAsBoolean()) {
      return; // another instance reconciles
    }
    try {
      Result result = reconcile();
      log.info(
          "Publication reconciliation: {} streams, {} behind, {} repaired",
          result.streams(),
          result.behind(),
          result.repaired());
    } catch (RuntimeException e) {
      log.warn("Publication reconciliation failed; retrying at the next interval", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
