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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Finds streams whose publication was missed and repairs them: every stream's stored {@code
 * version} against its published version ({@link PublishedVersions}); one that is behind with no
 * marker gets a marker again from its published version, and the relay publishes the rest.
 *
 * <p>Markers are the store's promise and normally suffice. This pass is the second line for what a
 * marker cannot cover: a marker dropped as stale whose slow append landed later, a marker deleted
 * by hand, or streams written before published versions were recorded (those have none and are
 * published once more: consumers deduplicate by event id and sequence).
 *
 * <p>It reads the whole {@code event_streams} collection (only {@code version} and {@code
 * published} of each document), so it runs rarely ({@code
 * coordination.publication.reconcile-interval}); a stream behind that has a marker is an append in
 * progress and is only counted.
 */
public class PublicationReconciliation implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PublicationReconciliation.class);

  /** What one pass found. */
  public record Result(long streams, long behind, long repaired) {}

  private final MongoCollection<Document> streams;
  private final PendingPublications pending;
  private final PublishedVersions publishedVersions;
  private final Runnable wakeRelay;
  private final Duration interval;
  private final java.util.function.BooleanSupplier leaseHeld;
  private final AtomicLong behind = new AtomicLong();
  private final Counter repairedCounter;
  private ScheduledExecutorService executor;

  public PublicationReconciliation(
      MongoCollection<Document> streams,
      PendingPublications pending,
      PublishedVersions publishedVersions,
      Runnable wakeRelay,
      Duration interval,
      MeterRegistry meters,
      java.util.function.BooleanSupplier leaseHeld) {
    this.leaseHeld = leaseHeld;
    this.streams = streams;
    this.pending = pending;
    this.publishedVersions = publishedVersions;
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
    long scanned = 0;
    long behindNow = 0;
    long repaired = 0;
    Document fields = new Document("version", 1).append(PublishedVersions.PUBLISHED, 1);
    for (Document stream : streams.find().projection(fields).batchSize(1000)) {
      scanned++;
      String id = stream.getString("_id");
      long version = number(stream.get("version"));
      if (PublishedVersions.of(stream) >= version) {
        continue;
      }
      behindNow++;
      if (pending.exists(id)) {
        continue; // an append or a publication in progress: the marker covers it
      }
      // The relay raises the published version before it removes the marker: read it again now
      // that the marker is known to be gone, so a pass that just finished is not repeated.
      long published = publishedVersions.read(id);
      if (published >= version) {
        behindNow--;
        continue;
      }
      pending.promise(id, published, version - 1);
      repaired++;
      log.warn(
          "Stream {} was stored up to version {} but published only up to {} with no marker: marked for publication",
          id,
          version,
          published);
    }
    behind.set(behindNow);
    if (repaired > 0) {
      repairedCounter.increment(repaired);
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
