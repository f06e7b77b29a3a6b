package jp.coordination.query.evaluation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.jobs.JobBeats;
import jp.coordination.query.statistics.Definitions;
import jp.coordination.query.statistics.StatisticsFormats;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evaluations in the background on a bounded executor and keeps each job in MongoDB by {@code
 * _id}, so a job is answered by any instance of the service, and a finished one after a restart
 * too.
 *
 * <p>The instance running a job raises the job's {@code beat} every {@code heartbeat}. Another
 * instance answers the job as running while the beat moves, and as failed once it has itself seen
 * the beat unchanged for {@code heartbeatTimeout} on its own monotonic clock: a job whose instance
 * died is reported as such, and no instance's clock is compared with another's.
 */
public final class EvaluationJobs {

  static final String COLLECTION = "evaluations";

  /** Gauge: jobs running on this instance now. */
  public static final String RUNNING_METER = "coordination.evaluation.jobs.running";

  /** Counter: jobs this instance finished, tagged {@code status} done or failed. */
  public static final String FINISHED_METER = "coordination.evaluation.jobs.finished";

  private static final Logger log = LoggerFactory.getLogger(EvaluationJobs.class);

  private final MongoCollection<Document> jobs;
  private final ExecutorService executor;
  private final Supplier<EventSource> sources;
  private final Region region;
  private final BusinessCalendar calendar;
  private final Clock clock;
  private final String instance = UUID.randomUUID().toString();
  private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final JobBeats beats;
  private final ScheduledExecutorService heartbeats;

  public EvaluationJobs(
      MongoDatabase database,
      ExecutorService executor,
      Supplier<EventSource> sources,
      Region region,
      BusinessCalendar calendar,
      Clock clock) {
    this(
        database,
        executor,
        sources,
        region,
        calendar,
        clock,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        System::nanoTime);
  }

  /**
   * @param heartbeat how often this instance raises the beat of the jobs it runs
   * @param heartbeatTimeout how long another instance's job may show the same beat before it is
   *     reported as failed; several heartbeats, so a slow write is not taken for a death
   * @param ticker a monotonic clock in nanoseconds ({@link System#nanoTime})
   */
  public EvaluationJobs(
      MongoDatabase database,
      ExecutorService executor,
      Supplier<EventSource> sources,
      Region region,
      BusinessCalendar calendar,
      Clock clock,
      Duration heartbeat,
      Duration heartbeatTimeout,
      LongSupplier ticker) {
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "evaluation-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, heartbeat.toMillis());
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    this.jobs = database.getCollection(COLLECTION);
    this.beats = new JobBeats(jobs, heartbeatTimeout, ticker);
    this.executor = executor;
    this.sources = sources;
    this.region = region;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * Starts a rebuild by the official definitions.
   *
   * @throws RejectedExecutionException when the executor is full
   */
  public String submit(int fiscalYear, Instant recordedUpTo) {
    return submit(fiscalYear, recordedUpTo, null);
  }

  /**
   * Starts a rebuild.
   *
   * @param definitions a what-if's definitions (the job then keeps the official figures beside the
   *     variant); null for the official evaluation
   * @throws RejectedExecutionException when the executor is full
   */
  public String submit(int fiscalYear, Instant recordedUpTo, Definitions definitions) {
    String id = UUID.randomUUID().toString();
    EventSource source = sources.get();
    EvaluationJob job =
        new EvaluationJob(
            id,
            EvaluationJob.Status.RUNNING,
            fiscalYear,
            recordedUpTo,
            0,
            source.describe(),
            clock.instant(),
            null,
            null,
            null,
            instance,
            0,
            List.of(),
            definitions,
            null);
    jobs.insertOne(toDocument(job));
    runningHere.add(id);
    try {
      executor.execute(() -> run(job, source));
    } catch (RejectedExecutionException e) {
      runningHere.remove(id);
      save(failed(job, 0, "too many evaluations at once; try again later"));
      throw e;
    }
    return id;
  }

  public Optional<EvaluationJob> find(String id) {
    Document doc = jobs.find(Filters.eq("_id", id)).first();
    if (doc == null) {
      return Optional.empty();
    }
    EvaluationJob job = fromDocument(doc);
    if (job.status() != EvaluationJob.Status.RUNNING) {
      beats.forget(id);
      return Optional.of(job);
    }
    if (!instance.equals(job.instance()) && beats.stopped(id, doc)) {
      return Optional.of(
          failed(
              job,
              job.eventsRead(),
              "the instance running it stopped (no heartbeat for "
                  + beats.timeout().toSeconds()
                  + " s)"));
    }
    return Optional.of(job);
  }

  private void beat() {
    beats.raise(runningHere);
  }

  /** Stops the heartbeats (at shutdown). */
  public void close() {
    heartbeats.shutdownNow();
    try {
      heartbeats.awaitTermination(5, TimeUnit.SECONDS); // no beat lands after close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(EvaluationJob job, EventSource source) {
    try {
      runUntilSaved(job, source);
    } finally {
      runningHere.remove(job.id());
    }
  }

  private void runUntilSaved(EvaluationJob job, EventSource source) {
    try {
      Evaluation.Outcome outcome =
          Evaluation.run(
              source,
              job.fiscalYear(),
              job.recordedUpTo(),
              region,
              calendar,
              job.whatIf() ? job.definitions() : Definitions.OFFICIAL,
              read -> jobs.updateOne(Filters.eq("_id", job.id()), Updates.set("eventsRead", read)));
      String json =
          new String(StatisticsFormats.json(outcome.statistics()), StandardCharsets.UTF_8);
      // A what-if with the official definitions is its own official figures: no difference.
      String official =
          !job.whatIf()
              ? null
              : outcome.official() == null
                  ? json
                  : new String(StatisticsFormats.json(outcome.official()), StandardCharsets.UTF_8);
      save(
          new EvaluationJob(
              job.id(),
              EvaluationJob.Status.DONE,
              job.fiscalYear(),
              job.recordedUpTo(),
              outcome.eventsRead(),
              job.source(),
              job.startedAt(),
              clock.instant(),
              null,
              json,
              job.instance(),
              outcome.notFoldedCount(),
              outcome.notFolded(),
              job.definitions(),
              official));
      log.info(
          "Evaluation {} of FY{} done: {} events read, {} after the cutoff, {} duplicates, {} unreadable, {} not folded",
          job.id(),
          job.fiscalYear(),
          outcome.eventsRead(),
          outcome.eventsAfterCutoff(),
          outcome.duplicatesSkipped(),
          outcome.undecodable(),
          outcome.notFoldedCount());
    } catch (RuntimeException e) {
      log.error("Evaluation {} failed", job.id(), e);
      save(
          failed(
              job, job.eventsRead(), "the log could not be read: " + e.getClass().getSimpleName()));
    }
  }

  private EvaluationJob failed(EvaluationJob job, long eventsRead, String error) {
    return new EvaluationJob(
        job.id(),
        EvaluationJob.Status.FAILED,
        job.fiscalYear(),
        job.recordedUpTo(),
        eventsRead,
        job.source(),
        job.startedAt(),
        clock.instant(),
        error,
        null,
        job.instance(),
        job.notFoldedCount(),
        job.notFolded(),
        job.definitions(),
        null);
  }

  private void save(EvaluationJob job) {
    jobs.replaceOne(
        Filters.eq("_id", job.id()), toDocument(job), new ReplaceOptions().upsert(true));
    // Counted where this instance records the outcome; a job failed for a dead instance is only
    // reported, never saved, so it counts nowhere twice.
    (job.status() == EvaluationJob.Status.DONE ? done : failed).incrementAndGet();
  }

  /**
   * Publishes the jobs running here ({@value #RUNNING_METER}) and those finished here ({@value
   * #FINISHED_METER}, by status). Both count this instance only: Prometheus sums over instances,
   * and no meter reads MongoDB when scraped.
   */
  public EvaluationJobs monitoredBy(MeterRegistry meters) {
    Gauge.builder(RUNNING_METER, runningHere, Set::size)
        .description("Evaluation jobs running on this instance")
        .register(meters);
    FunctionCounter.builder(FINISHED_METER, done, AtomicLong::get)
        .tag("status", "done")
        .description("Evaluation jobs this instance finished")
        .register(meters);
    FunctionCounter.builder(FINISHED_METER, failed, AtomicLong::get)
        .tag("status", "failed")
        .description("Evaluation jobs this instance finished")
        .register(meters);
    return this;
  }

  private static Document toDocument(EvaluationJob job) {
    return new Document("_id", job.id())
        .append("status", job.status().name())
        .append("fiscalYear", job.fiscalYear())
        .append("recordedUpTo", job.recordedUpTo() == null ? null : job.recordedUpTo().toString())
        .append("eventsRead", job.eventsRead())
        .append("source", job.source())
        .append("startedAt", date(job.startedAt()))
        .append("finishedAt", date(job.finishedAt()))
        .append("error", job.error())
        .append("result", job.resultJson())
        .append("instance", job.instance())
        .append("definitions", definitions(job.definitions()))
        .append("official", job.officialJson())
        .append("notFoldedCount", job.notFoldedCount())
        .append(
            "notFolded",
            job.notFolded().stream()
                .map(
                    n ->
                        new Document("position", n.position())
                            .append("eventId", n.eventId())
                            .append("aggregateId", n.aggregateId())
                            .append("type", n.type())
                            .append("sequence", n.sequence())
                            .append("reason", n.reason())
                            .append("detail", n.detail()))
                .toList());
  }

  private static EvaluationJob fromDocument(Document d) {
    String cutoff = d.getString("recordedUpTo");
    return new EvaluationJob(
        d.getString("_id"),
        EvaluationJob.Status.valueOf(d.getString("status")),
        d.get("fiscalYear", Number.class).intValue(),
        cutoff == null ? null : Instant.parse(cutoff),
        d.get("eventsRead", Number.class).longValue(),
        d.getString("source"),
        instant(d.getDate("startedAt")),
        instant(d.getDate("finishedAt")),
        d.getString("error"),
        d.getString("result"),
        d.getString("instance"),
        d.get("notFoldedCount") instanceof Number n ? n.longValue() : 0L,
        d.getList("notFolded", Document.class, List.of()).stream()
            .map(
                n ->
                    new NotFolded(
                        n.getString("position"),
                        n.getString("eventId"),
                        n.getString("aggregateId"),
                        n.getString("type"),
                        n.get("sequence") instanceof Number s ? s.longValue() : null,
                        n.getString("reason"),
                        n.getString("detail")))
            .toList(),
        definitions(d.get("definitions", Document.class)),
        d.getString("official"));
  }

  private static Document definitions(Definitions definitions) {
    return definitions == null
        ? null
        : new Document("reuseWindowDays", definitions.reuseWindowDays())
            .append("preRegisteredBy", definitions.preRegisteredBy().name())
            .append("placementsCounted", definitions.placementsCounted().name());
  }

  private static Definitions definitions(Document d) {
    return d == null
        ? null
        : new Definitions(
            d.get("reuseWindowDays", Number.class).intValue(),
            Definitions.PreRegisteredBy.valueOf(d.getString("preRegisteredBy")),
            Definitions.PlacementsCounted.valueOf(d.getString("placementsCounted")));
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
