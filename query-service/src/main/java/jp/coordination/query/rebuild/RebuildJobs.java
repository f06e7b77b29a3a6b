package jp.coordination.query.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.jobs.JobBeats;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuild jobs: one at a time across every instance, each kept in MongoDB by {@code _id} so any
 * instance answers it, run on this instance's executor.
 *
 * <p>One at a time because the generation pointer is claimed by the rebuild ({@link
 * Generations#claim}), a conditional write. The instance running a rebuild raises its job's beat
 * every {@code heartbeat}, as evaluation jobs do; every instance checks the claimed job every
 * heartbeat too, and once it has itself seen the beat unchanged for {@code heartbeatTimeout} (its
 * own monotonic clock) it records the job as failed, frees the live consumers if the job had paused
 * them, and drops what the job had built. So a rebuild whose instance died neither blocks the next
 * one nor keeps the read models standing still.
 */
public final class RebuildJobs implements AutoCloseable {

  static final String COLLECTION = "projection_rebuilds";
  private static final Logger log = LoggerFactory.getLogger(RebuildJobs.class);

  /** What became of a request to start a rebuild. */
  public sealed interface Submitted {}

  /** Started in the background. */
  public record Started(String id) implements Submitted {}

  /** Another rebuild holds the read models; {@code running} is its id. */
  public record Busy(String running) implements Submitted {}

  private final MongoCollection<Document> jobs;
  private final Generations generations;
  private final Rebuild rebuild;
  private final ExecutorService executor;
  private final RebuildProperties properties;
  private final RebuildMetrics metrics;
  private final Clock clock;
  private final LongSupplier ticker;
  private final String instance = UUID.randomUUID().toString();
  private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
  private final JobBeats beats;
  private final ScheduledExecutorService heartbeats;

  RebuildJobs(
      MongoDatabase database,
      Generations generations,
      Rebuild rebuild,
      ExecutorService executor,
      RebuildProperties properties,
      RebuildMetrics metrics,
      Clock clock,
      LongSupplier ticker) {
    this.jobs = database.getCollection(COLLECTION);
    this.beats = new JobBeats(jobs, properties.heartbeatTimeout(), ticker);
    this.generations = generations;
    this.rebuild = rebuild;
    this.executor = executor;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    this.ticker = ticker;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rebuild-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(10, properties.heartbeat().toMillis());
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a rebuild of every read model, unless one is running.
   *
   * @param readModels what the operator asked for, already checked ({@link ReadModels#chosen})
   * @throws RejectedExecutionException when this instance cannot run it now
   */
  public Submitted submit(List<String> readModels) {
    String id = UUID.randomUUID().toString();
    long from = generations.refresh().generation();
    RebuildJob job =
        new RebuildJob(
            id,
            RebuildJob.Status.RUNNING,
            readModels,
            0,
            0,
            0,
            null,
            clock.instant(),
            null,
            null,
            from,
            from + 1,
            instance);
    // The job first, then the claim: a claim always names a job that can be looked up.
    jobs.insertOne(toDocument(job));
    if (!generations.claim(id)) {
      // Held by another rebuild; one whose instance died is freed by the heartbeat check below.
      jobs.deleteOne(Filters.eq("_id", id));
      return new Busy(generations.refresh().rebuild());
    }
    runningHere.add(id);
    try {
      executor.execute(() -> run(job));
    } catch (RejectedExecutionException e) {
      runningHere.remove(id);
      generations.release(id);
      save(job.failed(clock.instant(), "this instance cannot run a rebuild now"));
      throw e;
    }
    return new Started(id);
  }

  public Optional<RebuildJob> find(String id) {
    Document doc = jobs.find(Filters.eq("_id", id)).first();
    if (doc == null) {
      return Optional.empty();
    }
    RebuildJob job = fromDocument(doc);
    if (job.status().finished()) {
      beats.forget(id);
      return Optional.of(job);
    }
    if (!instance.equals(job.instance()) && beats.stopped(id, doc)) {
      return Optional.of(
          job.failed(
              clock.instant(),
              "the instance running it stopped (no heartbeat for "
                  + properties.heartbeatTimeout().toSeconds()
                  + " s)"));
    }
    return Optional.of(job);
  }

  /** Raises the beat of the rebuild running here; frees the pointer of one whose instance died. */
  private void beat() {
    beats.raise(runningHere);
    try {
      reapStopped();
    } catch (RuntimeException e) {
      log.debug("Could not check the running rebuild: {}", e.toString());
    }
  }

  private void reapStopped() {
    // As the pointer was last watched: no read of our own while no rebuild holds it.
    String holder = generations.known().map(Generations.Pointer::rebuild).orElse(null);
    if (holder == null || runningHere.contains(holder)) {
      return;
    }
    Optional<RebuildJob> job = find(holder);
    if (job.isPresent() && !job.get().status().finished()) {
      return;
    }
    // Taken over (live consumers run again at once) and held while its leftovers are dropped, so
    // that no new rebuild claims the pointer and starts building the generation being dropped.
    String reaper = "reaper-" + instance;
    if (!generations.takeOver(holder, reaper)) {
      return; // someone else freed it first
    }
    try {
      log.warn("Rebuild {} stopped with its instance; live consumers freed", holder);
      job.ifPresent(
          j -> {
            if (j.status() != RebuildJob.Status.DONE) {
              save(
                  j.status() == RebuildJob.Status.FAILED
                      ? j
                      : j.failed(clock.instant(), j.error()));
            }
            if (generations.refresh().generation() == j.toGeneration()) {
              generations.drop(j.fromGeneration(), j.toGeneration()); // it had switched
            } else {
              generations.drop(j.toGeneration(), j.toGeneration());
            }
          });
    } finally {
      generations.release(reaper);
    }
  }

  private void run(RebuildJob job) {
    long started = ticker.getAsLong();
    Tracker tracker = new Tracker(job.id(), started);
    metrics.started();
    try {
      rebuild.run(job.id(), job.fromGeneration(), tracker);
      save(
          new RebuildJob(
              job.id(),
              RebuildJob.Status.DONE,
              job.readModels(),
              tracker.read,
              Math.max(tracker.read, tracker.total),
              tracker.rate(),
              0L,
              job.startedAt(),
              clock.instant(),
              null,
              job.fromGeneration(),
              job.toGeneration(),
              instance));
      log.info("Rebuild {} done: {} records read", job.id(), tracker.read);
    } catch (RuntimeException | Error e) {
      log.error("Rebuild {} failed", job.id(), e);
      save(
          new RebuildJob(
              job.id(),
              RebuildJob.Status.FAILED,
              job.readModels(),
              tracker.read,
              tracker.total,
              tracker.rate(),
              null,
              job.startedAt(),
              clock.instant(),
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
              job.fromGeneration(),
              job.toGeneration(),
              instance));
      if (e instanceof Error error) {
        throw error; // recorded as FAILED, but not swallowed
      }
    } finally {
      // After the job's outcome is saved, so a rebuild started the moment the pointer is free
      // finds this one finished; also after a failure past the switch (the old generation's drop).
      try {
        generations.release(job.id());
      } catch (RuntimeException e) {
        log.warn(
            "Rebuild {}: could not give the pointer up; the heartbeat check will", job.id(), e);
      }
      runningHere.remove(job.id());
      metrics.finished();
    }
  }

  /** Writes progress at most every {@code progressInterval}; the gauges at once. */
  private final class Tracker implements Rebuild.Progress {
    private final String id;
    private final long startedNanos;
    private long lastWritten;
    volatile long read;
    volatile long total;

    Tracker(String id, long startedNanos) {
      this.id = id;
      this.startedNanos = startedNanos;
      this.lastWritten = startedNanos;
    }

    double rate() {
      double seconds = (ticker.getAsLong() - startedNanos) / 1e9;
      return seconds <= 0 ? 0 : Math.round(read / seconds * 10) / 10.0;
    }

    Long secondsLeft() {
      double rate = rate();
      return rate <= 0 ? null : (long) Math.ceil(Math.max(0, total - read) / rate);
    }

    @Override
    public void read(long eventsRead, long eventsTotal) {
      read = eventsRead;
      total = eventsTotal;
      metrics.progress(eventsRead, eventsTotal);
      long now = ticker.getAsLong();
      if (now - lastWritten >= properties.progressInterval().toNanos()) {
        lastWritten = now;
        write(Updates.combine(progress()));
      }
    }

    @Override
    public void switching() {
      write(
          Updates.combine(
              Updates.combine(progress()),
              Updates.set("status", RebuildJob.Status.SWITCHING.name())));
    }

    private List<org.bson.conversions.Bson> progress() {
      Long left = secondsLeft();
      return List.of(
          Updates.set("eventsRead", read),
          Updates.set("eventsTotal", total),
          Updates.set("ratePerSecond", rate()),
          Updates.set("secondsLeft", left));
    }

    private void write(org.bson.conversions.Bson update) {
      try {
        jobs.updateOne(Filters.eq("_id", id), update);
      } catch (RuntimeException e) {
        log.debug("Could not write the progress of rebuild {}: {}", id, e.toString());
      }
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    try {
      heartbeats.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void save(RebuildJob job) {
    jobs.replaceOne(
        Filters.eq("_id", job.id()), toDocument(job), new ReplaceOptions().upsert(true));
  }

  private static Document toDocument(RebuildJob job) {
    return new Document("_id", job.id())
        .append("status", job.status().name())
        .append("readModels", job.readModels())
        .append("eventsRead", job.eventsRead())
        .append("eventsTotal", job.eventsTotal())
        .append("ratePerSecond", job.ratePerSecond())
        .append("secondsLeft", job.secondsLeft())
        .append("startedAt", date(job.startedAt()))
        .append("finishedAt", date(job.finishedAt()))
        .append("error", job.error())
        .append("fromGeneration", job.fromGeneration())
        .append("toGeneration", job.toGeneration())
        .append("instance", job.instance());
  }

  private static RebuildJob fromDocument(Document d) {
    return new RebuildJob(
        d.getString("_id"),
        RebuildJob.Status.valueOf(d.getString("status")),
        d.getList("readModels", String.class, List.of()),
        number(d, "eventsRead"),
        number(d, "eventsTotal"),
        d.get("ratePerSecond") instanceof Number n ? n.doubleValue() : 0,
        d.get("secondsLeft") instanceof Number n ? n.longValue() : null,
        instant(d.getDate("startedAt")),
        instant(d.getDate("finishedAt")),
        d.getString("error"),
        number(d, "fromGeneration"),
        number(d, "toGeneration"),
        d.getString("instance"));
  }

  private static long number(Document d, String field) {
    return d.get(field) instanceof Number n ? n.longValue() : 0L;
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
