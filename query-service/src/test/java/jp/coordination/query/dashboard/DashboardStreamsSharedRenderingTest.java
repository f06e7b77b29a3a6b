package jp.coordination.query.dashboard;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dashboard state is rendered to JSON once per (ward, fiscal year, document version), and every
 * subscriber that needs that state gets the same rendering: opening many streams at once costs one
 * rendering, not one per connection.
 */
class DashboardStreamsSharedRenderingTest {

  private static final Instant NOW = jst("2026-11-24T12:00"); // FY2026

  private final InMemoryProjectionStore store = new InMemoryProjectionStore();
  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final SettableClock clock = new SettableClock(NOW);
  private final CountingMapper json = new CountingMapper();
  private final DashboardStreams streams =
      new DashboardStreams(
          store,
          calendar,
          clock,
          json,
          new DashboardStreamProperties(
              Duration.ofMillis(50),
              Duration.ofSeconds(15),
              Duration.ofMinutes(30),
              2,
              Duration.ZERO,
              8));

  @AfterEach
  void close() {
    streams.close();
  }

  @Test
  void subscribers_opening_the_same_wards_stream_at_the_same_version_cause_one_rendering()
      throws Exception {
    writeVersion("AOBA", 1);
    int subscribers = 50;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService browsers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> opened = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) {
        opened.add(
            browsers.submit(
                () -> {
                  start.await();
                  return streams.subscribe(anyone(), "AOBA", null, null);
                }));
      }
      start.countDown();
      for (Future<?> f : opened) {
        f.get();
      }
    } finally {
      browsers.shutdownNow();
    }

    assertThat(streams.subscriberCount()).isEqualTo(subscribers);
    assertThat(json.renderings()).isEqualTo(1);
  }

  @Test
  void another_ward_or_a_newer_version_is_rendered_on_its_own() {
    writeVersion("AOBA", 1);
    writeVersion("IZUMI", 1);
    streams.subscribe(anyone(), "AOBA", null, null);
    streams.subscribe(anyone(), "IZUMI", null, null);
    assertThat(json.renderings()).isEqualTo(2);

    writeVersion("AOBA", 2);
    streams.subscribe(anyone(), "AOBA", null, null);
    streams.subscribe(anyone(), "AOBA", null, null);
    assertThat(json.renderings()).isEqualTo(3);
  }

  @Test
  void each_fiscal_year_is_rendered_once_and_no_year_means_the_current_one() {
    writeVersion("AOBA", 1);
    streams.subscribe(anyone(), "AOBA", 2025, null);
    streams.subscribe(anyone(), "AOBA", 2025, null);
    streams.subscribe(anyone(), "AOBA", 2026, null);
    streams.subscribe(anyone(), "AOBA", null, null); // FY2026 at NOW: the rendering above
    assertThat(json.renderings()).isEqualTo(2);
  }

  @Test
  void a_subscriber_whose_last_event_id_is_the_current_version_causes_no_rendering() {
    writeVersion("AOBA", 1);
    writeVersion("AOBA", 2);
    streams.subscribe(anyone(), "AOBA", null, 2L);
    assertThat(json.renderings()).isZero();

    streams.subscribe(anyone(), "AOBA", null, 1L); // missed version 2: gets it at once
    assertThat(json.renderings()).isEqualTo(1);
  }

  @Test
  void a_rendering_is_shared_for_less_than_a_second_so_that_as_of_stays_recent() {
    writeVersion("AOBA", 1);
    streams.subscribe(anyone(), "AOBA", null, null);
    clock.advance(DashboardStreams.SHARED_RENDERING_MAX_AGE.minusMillis(1));
    streams.subscribe(anyone(), "AOBA", null, null);
    assertThat(json.renderings()).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    streams.subscribe(anyone(), "AOBA", null, null);
    assertThat(json.renderings()).isEqualTo(2);
  }

  @Test
  void a_rendering_stamped_a_second_or_more_after_now_is_not_shared_when_the_clock_was_set_back() {
    writeVersion("AOBA", 1);
    streams.subscribe(anyone(), "AOBA", null, null);
    clock.advance(Duration.ofMillis(-999)); // as from callers that read the clock out of order
    streams.subscribe(anyone(), "AOBA", null, null);
    assertThat(json.renderings()).isEqualTo(1);

    clock.advance(Duration.ofMillis(-1));
    streams.subscribe(anyone(), "AOBA", null, null);
    assertThat(json.renderings()).isEqualTo(2);
  }

  @Test
  void a_flush_renders_the_new_version_once_for_all_and_later_subscribers_share_it() {
    writeVersion("AOBA", 1);
    for (int i = 0; i < 5; i++) {
      streams.subscribe(anyone(), "AOBA", null, null);
    }
    assertThat(json.renderings()).isEqualTo(1);

    writeVersion("AOBA", 2);
    streams.wardChanged("AOBA");
    await().atMost(Duration.ofSeconds(30)).until(() -> json.renderings() == 2);

    streams.subscribe(anyone(), "AOBA", null, null);
    streams.subscribe(anyone(), "AOBA", null, 1L);
    assertThat(json.renderings()).isEqualTo(2);
  }

  /** Stores the ward's dashboard document at that version, as the projection's writes leave it. */
  private void writeVersion(String ward, long version) {
    boolean written =
        store.replace(
            DashboardProjection.WARD_DASHBOARDS,
            ward,
            version - 1,
            new Versioned<>(WardDashboard.empty(ward), Map.of(), version));
    assertThat(written).isTrue();
  }

  /** The service's JSON mapper, counting the dashboards it renders. */
  private static final class CountingMapper extends ObjectMapper {
    private static final long serialVersionUID = 1L;

    private final AtomicInteger renderings = new AtomicInteger();

    CountingMapper() {
      findAndRegisterModules();
    }

    @Override
    public String writeValueAsString(Object value) throws JsonProcessingException {
      if (value instanceof DashboardResponse) {
        renderings.incrementAndGet();
      }
      return super.writeValueAsString(value);
    }

    int renderings() {
      return renderings.get();
    }
  }

  private static final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  /** A browser of its own user, without token expiry: fan-out is what these tests are about. */
  private static StreamViewer anyone() {
    return new StreamViewer(java.util.UUID.randomUUID().toString(), null);
  }
}
