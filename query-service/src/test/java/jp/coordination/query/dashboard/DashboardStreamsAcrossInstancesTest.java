package jp.coordination.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service share one store; the consumer of only one of them writes a ward and
 * tells its own streams. The other instance's subscribers get the change by the watch.
 */
class DashboardStreamsAcrossInstancesTest {

  private static final Duration WATCH = Duration.ofMillis(50);

  private final InMemoryProjectionStore sharedStore = new InMemoryProjectionStore();
  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final RecordingMapper renderedByOther = new RecordingMapper();
  private final DashboardStreams applying = streams(new RecordingMapper());
  private final DashboardStreams other = streams(renderedByOther);

  private DashboardStreams streams(ObjectMapper json) {
    return new DashboardStreams(
        sharedStore,
        calendar,
        Clock.systemUTC(),
        json,
        new DashboardStreamProperties(
            Duration.ofMillis(50), Duration.ofSeconds(15), Duration.ofMinutes(30), 2, WATCH, 8));
  }

  @AfterEach
  void close() {
    applying.close();
    other.close();
  }

  @Test
  void a_ward_written_by_another_instance_reaches_this_instances_subscribers_within_a_second() {
    write("AOBA", 1, 0);
    other.subscribe(anyone(), "AOBA", null, null);
    assertThat(renderedByOther.freeBeds()).containsExactly(0);

    write("AOBA", 2, 7);
    applying.wardChanged("AOBA"); // only the instance that applied it is told

    await()
        .atMost(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(renderedByOther.freeBeds()).containsExactly(0, 7));
  }

  @Test
  void a_ward_nobody_subscribed_to_here_is_not_read() {
    write("AOBA", 1, 0);
    other.subscribe(anyone(), "IZUMI", null, null);
    write("AOBA", 2, 7);
    write("IZUMI", 1, 3);

    await().atMost(Duration.ofSeconds(1)).until(() -> renderedByOther.freeBeds().contains(3));
    assertThat(renderedByOther.freeBeds()).doesNotContain(7);
  }

  private void write(String ward, long version, int freeBeds) {
    WardDashboard dashboard =
        WardDashboard.empty(ward)
            .withLive(new LiveFigures(0, Map.of(), 0, 0, 0, freeBeds, 0, 0, 0));
    assertThat(
            sharedStore.replace(
                DashboardProjection.WARD_DASHBOARDS,
                ward,
                version - 1,
                new Versioned<>(dashboard, Map.of(), version)))
        .isTrue();
  }

  /** The service's JSON mapper, recording the free beds of each dashboard it renders. */
  private static final class RecordingMapper extends ObjectMapper {
    private static final long serialVersionUID = 1L;

    private final List<Integer> freeBeds = new CopyOnWriteArrayList<>();

    RecordingMapper() {
      findAndRegisterModules();
    }

    @Override
    public String writeValueAsString(Object value) throws JsonProcessingException {
      String json = super.writeValueAsString(value);
      if (value instanceof DashboardResponse) {
        freeBeds.add(readTree(json).path("facilities").path("emergencyBedsAvailable").asInt());
      }
      return json;
    }

    List<Integer> freeBeds() {
      return freeBeds;
    }
  }

  /** A browser of its own user, without token expiry: fan-out is what these tests are about. */
  private static StreamViewer anyone() {
    return new StreamViewer(java.util.UUID.randomUUID().toString(), null);
  }
}
