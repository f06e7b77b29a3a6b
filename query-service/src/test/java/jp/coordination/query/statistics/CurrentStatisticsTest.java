package jp.coordination.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When the live statistics of a year are computed anew, and when one computation is shared. */
class CurrentStatisticsTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(60);

  private final AtomicInteger computations = new AtomicInteger();
  private final AtomicReference<Map<String, Long>> absorbed =
      new AtomicReference<>(Map.of("coordination.events-0", 10L, "coordination.events-1", 7L));
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Queue<Runnable> background = new ArrayDeque<>();

  private FiscalYearStatistics compute(int year) {
    computations.incrementAndGet();
    return mock(FiscalYearStatistics.class);
  }

  private CurrentStatistics statistics(Duration maxAge) {
    return new CurrentStatistics(this::compute, absorbed::get, maxAge, now::get, background::add);
  }

  private void aRecordIsApplied() {
    absorbed.updateAndGet(
        positions -> {
          Map<String, Long> next = new HashMap<>(positions);
          next.merge("coordination.events-0", 1L, Long::sum);
          return next;
        });
  }

  private void theMaxAgePasses() {
    now.addAndGet(MAX_AGE.plusMillis(1).toNanos());
  }

  @Test
  void while_no_record_is_applied_the_year_is_computed_once_and_shared() {
    CurrentStatistics statistics = statistics(MAX_AGE);

    FiscalYearStatistics first = statistics.of(2025);
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    FiscalYearStatistics second = statistics.of(2025);

    assertThat(second).isSameAs(first);
    assertThat(computations).hasValue(1);
  }

  @Test
  void once_a_record_was_applied_the_next_request_computes_the_year_anew() {
    CurrentStatistics statistics = statistics(MAX_AGE);
    FiscalYearStatistics before = statistics.of(2025);

    aRecordIsApplied();

    assertThat(statistics.of(2025)).isNotSameAs(before);
    assertThat(computations).hasValue(2);
  }

  @Test
  void each_year_is_computed_on_its_own() {
    CurrentStatistics statistics = statistics(MAX_AGE);

    statistics.of(2024);
    statistics.of(2025);
    statistics.of(2024);

    assertThat(computations).hasValue(2);
  }

  @Test
  void a_result_past_the_max_age_is_served_at_once_while_one_computation_renews_it_behind() {
    CurrentStatistics statistics = statistics(MAX_AGE);
    FiscalYearStatistics first = statistics.of(2025);

    theMaxAgePasses();
    FiscalYearStatistics pastAge = statistics.of(2025);
    FiscalYearStatistics whileRenewing = statistics.of(2025);

    assertThat(pastAge).isSameAs(first);
    assertThat(whileRenewing).isSameAs(first);
    assertThat(background).as("one renewal asked, not one per request").hasSize(1);
    assertThat(computations).hasValue(1);

    background.poll().run();

    assertThat(computations).hasValue(2);
    assertThat(statistics.of(2025)).isNotSameAs(first);
    assertThat(computations).hasValue(2);
  }

  @Test
  void a_renewal_behind_is_skipped_when_a_request_computed_the_year_since_it_was_asked() {
    CurrentStatistics statistics = statistics(MAX_AGE);
    statistics.of(2025);
    theMaxAgePasses();
    statistics.of(2025);

    aRecordIsApplied();
    now.addAndGet(1);
    FiscalYearStatistics afterApplied = statistics.of(2025);
    background.poll().run();

    assertThat(computations).hasValue(2);
    assertThat(statistics.of(2025)).isSameAs(afterApplied);
  }

  @Test
  void a_result_past_the_max_age_is_computed_in_the_request_when_a_record_was_applied() {
    CurrentStatistics statistics = statistics(MAX_AGE);
    FiscalYearStatistics first = statistics.of(2025);

    theMaxAgePasses();
    aRecordIsApplied();

    assertThat(statistics.of(2025)).isNotSameAs(first);
    assertThat(background).isEmpty();
  }

  @Test
  void a_refresher_that_refuses_leaves_the_result_and_the_next_request_past_the_age_asks_again() {
    AtomicInteger asked = new AtomicInteger();
    CurrentStatistics statistics =
        new CurrentStatistics(
            this::compute,
            absorbed::get,
            MAX_AGE,
            now::get,
            task -> {
              asked.incrementAndGet();
              throw new RejectedExecutionException("full");
            });
    FiscalYearStatistics first = statistics.of(2025);
    theMaxAgePasses();

    assertThat(statistics.of(2025)).isSameAs(first);
    assertThat(statistics.of(2025)).isSameAs(first);
    assertThat(asked).hasValue(2);
  }

  @Test
  void a_max_age_of_zero_computes_every_request() {
    CurrentStatistics statistics = statistics(Duration.ZERO);

    statistics.of(2025);
    statistics.of(2025);

    assertThat(computations).hasValue(2);
  }

  @Test
  void requests_arriving_during_a_computation_share_it_when_no_record_was_applied_meanwhile()
      throws Exception {
    assertThat(concurrentRequests(false)).hasValue(1);
  }

  @Test
  void a_request_arriving_during_a_computation_computes_again_when_a_record_was_applied_meanwhile()
      throws Exception {
    assertThat(concurrentRequests(true)).hasValue(2);
  }

  /** Two requests, the second while the first computes; how many computations they made. */
  private AtomicInteger concurrentRequests(boolean applyMeanwhile) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicLong clock = new AtomicLong();
    CurrentStatistics statistics =
        new CurrentStatistics(
            year -> {
              computations.incrementAndGet();
              inside.countDown();
              await(finish);
              return mock(FiscalYearStatistics.class);
            },
            absorbed::get,
            MAX_AGE,
            clock::incrementAndGet,
            Runnable::run);
    CompletableFuture<FiscalYearStatistics> first =
        CompletableFuture.supplyAsync(() -> statistics.of(2025));
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    if (applyMeanwhile) {
      aRecordIsApplied();
    }
    CompletableFuture<FiscalYearStatistics> second =
        CompletableFuture.supplyAsync(() -> statistics.of(2025));
    Thread.sleep(100);
    finish.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(second.get(5, TimeUnit.SECONDS)).isNotNull();
    return computations;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
