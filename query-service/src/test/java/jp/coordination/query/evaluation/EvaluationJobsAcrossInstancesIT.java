package jp.coordination.query.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the query-service share the {@code evaluations} collection: a job started on one
 * is polled on the other, running while its instance beats, failed once the beat has stopped for
 * the timeout as the polling instance sees it.
 */
class EvaluationJobsAcrossInstancesIT {
  private static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private static final Region REGION = Region.load(null);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private final CountDownLatch replayMayEnd = new CountDownLatch(1);
  private final AtomicLong pollerClock = new AtomicLong();
  private final ExecutorService executorOfRunner = Executors.newSingleThreadExecutor();
  private MongoDatabase database;
  private EvaluationJobs runner;
  private EvaluationJobs poller;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void twoInstances() {
    database = client.getDatabase("evaluations_" + System.nanoTime());
    runner =
        new EvaluationJobs(
            database,
            executorOfRunner,
            () -> new SlowSource(replayMayEnd),
            REGION,
            CALENDAR,
            Clock.systemUTC(),
            Duration.ofMillis(20),
            TIMEOUT,
            System::nanoTime);
    poller =
        new EvaluationJobs(
            database,
            Executors.newSingleThreadExecutor(),
            () -> new SlowSource(replayMayEnd),
            REGION,
            CALENDAR,
            Clock.systemUTC(),
            Duration.ofMillis(20),
            TIMEOUT,
            pollerClock::get);
  }

  @AfterEach
  void stop() throws InterruptedException {
    replayMayEnd.countDown();
    runner.close();
    poller.close();
    executorOfRunner.shutdown();
    executorOfRunner.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void the_running_gauge_and_the_finished_counter_follow_the_jobs_of_their_instance() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    runner.monitoredBy(meters);
    poller.monitoredBy(new SimpleMeterRegistry());
    String id = runner.submit(2024, null);
    assertThat(meters.get(EvaluationJobs.RUNNING_METER).gauge().value()).isEqualTo(1);
    assertThat(poller.find(id))
        .get()
        .extracting(EvaluationJob::status)
        .isEqualTo(EvaluationJob.Status.RUNNING);

    replayMayEnd.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> meters.get(EvaluationJobs.RUNNING_METER).gauge().value() == 0);
    assertThat(
            meters
                .get(EvaluationJobs.FINISHED_METER)
                .tag("status", "done")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get(EvaluationJobs.FINISHED_METER)
                .tag("status", "failed")
                .functionCounter()
                .count())
        .isZero();
  }

  @Test
  void a_job_running_on_another_instance_is_answered_running_however_long_it_runs_while_it_beats() {
    String id = runner.submit(2024, null);
    for (int i = 0; i < 3; i++) {
      assertThat(poller.find(id))
          .get()
          .extracting(EvaluationJob::status)
          .isEqualTo(EvaluationJob.Status.RUNNING);
      long beat = beatOf(id);
      await().atMost(Duration.ofSeconds(10)).until(() -> beatOf(id) > beat);
      pollerClock.addAndGet(TIMEOUT.plusSeconds(1).toNanos());
    }
    assertThat(poller.find(id))
        .get()
        .extracting(EvaluationJob::status)
        .isEqualTo(EvaluationJob.Status.RUNNING);

    replayMayEnd.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> poller.find(id).orElseThrow().status() == EvaluationJob.Status.DONE);
  }

  @Test
  void a_job_whose_instance_died_is_reported_failed_after_the_heartbeat_timeout_not_before() {
    String id = runner.submit(2024, null);
    runner.close(); // the runner's process dies: its beat stops
    assertThat(poller.find(id))
        .get()
        .extracting(EvaluationJob::status)
        .isEqualTo(EvaluationJob.Status.RUNNING);

    pollerClock.addAndGet(TIMEOUT.minusSeconds(1).toNanos());
    assertThat(poller.find(id))
        .get()
        .extracting(EvaluationJob::status)
        .isEqualTo(EvaluationJob.Status.RUNNING);
    pollerClock.addAndGet(Duration.ofSeconds(1).toNanos());

    EvaluationJob job = poller.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(EvaluationJob.Status.FAILED);
    assertThat(job.error()).contains("stopped");
  }

  private long beatOf(String id) {
    Document job = database.getCollection("evaluations").find(Filters.eq("_id", id)).first();
    return job != null && job.get("beat") instanceof Number n ? n.longValue() : 0;
  }

  /** A log that takes until the test lets it end, and holds nothing. */
  private record SlowSource(CountDownLatch mayEnd) implements EventSource {
    @Override
    public long readAll(Consumer<EventEnvelope> sink, Consumer<NotFolded> unreadable) {
      try {
        mayEnd.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }

    @Override
    public long count() {
      return 0;
    }

    @Override
    public String describe() {
      return "test";
    }
  }
}
