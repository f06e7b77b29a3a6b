package jp.coordination.platform.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.coordination.platform.admission.AdmissionLimit.Paths;
import jp.coordination.platform.problem.ProblemWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** One slot, one read holding it: what the next requests get. */
class AdmissionLimitTest {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration QUEUE_WAIT = Duration.ofMillis(100);

  private final ObjectMapper json = new ObjectMapper();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private final Held held = new Held();
  private final AtomicInteger served = new AtomicInteger();

  private final Paths paths =
      Paths.reads("/api/**")
          .except("/api/wards/{ward}/dashboard/stream")
          .group("dashboard", "/api/wards/{ward}/dashboard")
          .group("statistics", "/api/statistics/**");

  @AfterEach
  void releaseAndStop() {
    held.release.countDown();
    clients.shutdownNow();
  }

  @Test
  void a_read_that_finds_no_slot_within_the_wait_is_answered_503_with_retry_after_at_once()
      throws Exception {
    AdmissionLimit limit = limit(1, Duration.ofMillis(5), Duration.ofSeconds(1));
    hold(limit, "/api/wards/AOBA/dashboard");

    long start = System.nanoTime();
    MockHttpServletResponse refused = get(limit, "/api/wards/AOBA/dashboard");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(refused.getStatus()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    JsonNode problem = json.readTree(refused.getContentAsByteArray());
    assertThat(problem.path("type").asText()).isEqualTo("urn:coordination:problem:overloaded");
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("errors").isArray()).isTrue();
    assertThat(took).isLessThan(CLIENT_TIMEOUT.dividedBy(5));
    assertThat(served).hasValue(0);
  }

  @Test
  void refusals_are_counted_per_endpoint_group_and_every_group_is_counted_from_zero()
      throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofSeconds(1));
    assertThat(shed("dashboard")).isZero();
    assertThat(shed("statistics")).isZero();
    assertThat(shed(Paths.OTHER)).isZero();
    hold(limit, "/api/wards/AOBA/dashboard");

    get(limit, "/api/wards/AOBA/dashboard");
    get(limit, "/api/statistics/2024");
    get(limit, "/api/statistics/2024");
    get(limit, "/api/households/h-1");

    assertThat(shed("dashboard")).isEqualTo(1);
    assertThat(shed("statistics")).isEqualTo(2);
    assertThat(shed(Paths.OTHER)).isEqualTo(1);
  }

  @Test
  void once_the_held_read_completes_reads_are_served_again() throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofSeconds(1));
    Future<MockHttpServletResponse> first = hold(limit, "/api/wards/AOBA/dashboard");
    assertThat(get(limit, "/api/wards/AOBA/dashboard").getStatus()).isEqualTo(503);

    held.release.countDown();
    assertThat(first.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus())
        .isEqualTo(200);

    assertThat(get(limit, "/api/wards/AOBA/dashboard").getStatus()).isEqualTo(200);
    assertThat(get(limit, "/api/statistics/2024").getStatus()).isEqualTo(200);
  }

  @Test
  void a_read_waits_for_a_slot_that_frees_within_the_wait() throws Exception {
    AdmissionLimit limit = limit(1, CLIENT_TIMEOUT, Duration.ofSeconds(1));
    Future<MockHttpServletResponse> first = hold(limit, "/api/wards/AOBA/dashboard");
    Future<MockHttpServletResponse> second =
        clients.submit(() -> get(limit, "/api/wards/AOBA/dashboard"));

    Thread.sleep(100);
    assertThat(second).isNotDone();
    held.release.countDown();

    assertThat(first.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus())
        .isEqualTo(200);
    assertThat(second.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus())
        .isEqualTo(200);
  }

  @Test
  void streams_writes_and_paths_outside_the_limited_ones_are_never_refused() throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofSeconds(1));
    hold(limit, "/api/wards/AOBA/dashboard");

    assertThat(get(limit, "/api/wards/AOBA/dashboard/stream").getStatus()).isEqualTo(200);
    assertThat(send(limit, "POST", "/api/evaluations").getStatus()).isEqualTo(200);
    assertThat(get(limit, "/actuator/health").getStatus()).isEqualTo(200);
    assertThat(get(limit, "/").getStatus()).isEqualTo(200);
  }

  @Test
  void a_head_request_is_a_read() throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofSeconds(1));
    hold(limit, "/api/wards/AOBA/dashboard");

    assertThat(send(limit, "HEAD", "/api/statistics/2024").getStatus()).isEqualTo(503);
  }

  @Test
  void retry_after_is_whole_seconds_rounded_up() throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofMillis(1500));
    hold(limit, "/api/wards/AOBA/dashboard");

    assertThat(get(limit, "/api/wards/AOBA/dashboard").getHeader("Retry-After")).isEqualTo("2");
  }

  @Test
  void a_read_that_waited_for_its_thread_longer_than_the_queue_wait_is_refused_without_a_slot()
      throws Exception {
    AdmissionLimit limit = limit(1, Duration.ZERO, Duration.ofSeconds(1));
    TimedRequestExecutor threads = new TimedRequestExecutor("test-request-", 1, 1, 10);
    try {
      CountDownLatch busy = new CountDownLatch(1);
      threads.execute(() -> awaitQuietly(busy));
      Future<MockHttpServletResponse> late = onThread(threads, limit);
      Thread.sleep(QUEUE_WAIT.multipliedBy(3).toMillis());
      busy.countDown();

      assertThat(late.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus())
          .isEqualTo(503);
      assertThat(served).hasValue(0);
      assertThat(shed("dashboard")).isEqualTo(1);
      // It took no slot, and the wait belonged to that request alone: the next one is served.
      assertThat(
              onThread(threads, limit)
                  .get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                  .getStatus())
          .isEqualTo(200);
    } finally {
      threads.shutdownNow();
    }
  }

  private Future<MockHttpServletResponse> onThread(
      TimedRequestExecutor threads, AdmissionLimit limit) {
    CompletableFuture<MockHttpServletResponse> response = new CompletableFuture<>();
    threads.execute(
        () -> {
          try {
            response.complete(get(limit, "/api/wards/AOBA/dashboard"));
          } catch (Exception e) {
            response.completeExceptionally(e);
          }
        });
    return response;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private AdmissionLimit limit(int maxInProgress, Duration maxWait, Duration retryAfter) {
    return new AdmissionLimit(
        maxInProgress, maxWait, QUEUE_WAIT, retryAfter, paths, new ProblemWriter(json), meters);
  }

  /**
   * Starts a read that stays inside its handler until {@code held.release}; returns once it is
   * inside.
   */
  private Future<MockHttpServletResponse> hold(AdmissionLimit limit, String path) throws Exception {
    Future<MockHttpServletResponse> response =
        clients.submit(
            () -> {
              MockHttpServletResponse r = new MockHttpServletResponse();
              limit.doFilter(new MockHttpServletRequest("GET", path), r, held);
              return r;
            });
    assertThat(held.entered.await(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    return response;
  }

  private MockHttpServletResponse get(AdmissionLimit limit, String path) throws Exception {
    return send(limit, "GET", path);
  }

  private MockHttpServletResponse send(AdmissionLimit limit, String method, String path)
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain handler = (request, r) -> served.incrementAndGet();
    limit.doFilter(new MockHttpServletRequest(method, path), response, handler);
    return response;
  }

  private double shed(String group) {
    return meters.get(AdmissionLimit.SHED_METRIC).tag("group", group).counter().count();
  }

  /** A handler that signals it was entered, then waits to be released. */
  private static final class Held implements FilterChain {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void doFilter(
        jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
      entered.countDown();
      try {
        release.await(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
