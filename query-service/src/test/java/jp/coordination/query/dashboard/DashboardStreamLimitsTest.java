package jp.coordination.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A user may hold only so many live streams at once, and a stream ends with the token that opened
 * it.
 */
class DashboardStreamLimitsTest {

  private static final int MAX_PER_USER = 3;
  private static final Duration HEARTBEAT = Duration.ofMillis(100);

  private final InMemoryProjectionStore store = new InMemoryProjectionStore();
  private final Clock clock = Clock.systemUTC();
  private final DashboardStreams streams =
      new DashboardStreams(
          store,
          BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates()),
          clock,
          new ObjectMapper().findAndRegisterModules(),
          new DashboardStreamProperties(
              Duration.ofMillis(50),
              HEARTBEAT,
              Duration.ofMinutes(30),
              2,
              Duration.ZERO,
              MAX_PER_USER));

  @BeforeEach
  void storeADashboard() {
    assertThat(
            store.replace(
                DashboardProjection.WARD_DASHBOARDS,
                "AOBA",
                0,
                new Versioned<>(WardDashboard.empty("AOBA"), Map.of(), 1)))
        .isTrue();
  }

  @AfterEach
  void close() {
    streams.close();
  }

  private static StreamViewer basic(String user) {
    return new StreamViewer(user, null);
  }

  @Test
  void one_stream_more_than_allowed_per_user_is_refused_with_a_time_to_retry() {
    for (int i = 0; i < MAX_PER_USER; i++) {
      streams.subscribe(basic("yamada"), "AOBA", null, null);
    }

    assertThatThrownBy(() -> streams.subscribe(basic("yamada"), "AOBA", null, null))
        .isInstanceOf(TooManyStreamsException.class)
        .satisfies(
            e -> assertThat(((TooManyStreamsException) e).retryAfter()).isGreaterThan(HEARTBEAT));
    assertThat(streams.openStreamsOf("yamada")).isEqualTo(MAX_PER_USER);
  }

  @Test
  void the_limit_is_per_user_and_per_stream_not_per_ward() {
    for (int i = 0; i < MAX_PER_USER; i++) {
      streams.subscribe(basic("yamada"), i % 2 == 0 ? "AOBA" : "IZUMI", null, null);
    }

    streams.subscribe(basic("sato"), "AOBA", null, null);
    assertThatThrownBy(() -> streams.subscribe(basic("yamada"), "IZUMI", null, null))
        .isInstanceOf(TooManyStreamsException.class);
    assertThat(streams.subscriberCount()).isEqualTo(MAX_PER_USER + 1);
  }

  @Test
  void a_stream_whose_browser_went_away_frees_its_place_at_the_next_heartbeat() {
    SseEmitter first = streams.subscribe(basic("yamada"), "AOBA", null, null);
    for (int i = 1; i < MAX_PER_USER; i++) {
      streams.subscribe(basic("yamada"), "AOBA", null, null);
    }

    first.complete(); // as when the connection is gone: the next write fails
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> streams.openStreamsOf("yamada") < MAX_PER_USER);

    streams.subscribe(basic("yamada"), "AOBA", null, null);
    assertThat(streams.openStreamsOf("yamada")).isEqualTo(MAX_PER_USER);
  }

  @Test
  void a_stream_the_container_is_ending_at_the_same_moment_does_not_stop_the_heartbeat() {
    AtomicBoolean gone = new AtomicBoolean();
    streams.subscribe(basic("sato"), "AOBA", null, null, () -> endingWithTheContainer(gone));
    SseEmitter later = streams.subscribe(basic("yamada"), "AOBA", null, null);

    gone.set(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreamsOf("sato") == 0);
    later.complete();

    await()
        .atMost(Duration.ofSeconds(10))
        .alias("a stream closed after the failure is still noticed")
        .until(() -> streams.openStreamsOf("yamada") == 0);
  }

  /**
   * A connection gone (once {@code gone}) while the container ends its request itself: writes fail,
   * and completing the request throws as the container's async state no longer allows it.
   */
  private static SseEmitter endingWithTheContainer(AtomicBoolean gone) {
    return new SseEmitter(0L) {
      @Override
      public void send(SseEventBuilder builder) throws IOException {
        if (gone.get()) {
          throw new IOException("Broken pipe");
        }
        super.send(builder);
      }

      @Override
      public synchronized void completeWithError(Throwable failure) {
        throw new IllegalStateException(
            "Calling [asyncDispatch()] is not valid for a request with Async state [MUST_DISPATCH]");
      }
    };
  }

  @Test
  void a_stream_ends_when_the_token_that_opened_it_expires() {
    Instant expiresAt = clock.instant().plusSeconds(3);
    streams.subscribe(new StreamViewer("u-1", expiresAt), "AOBA", null, null);
    streams.subscribe(basic("yamada"), "AOBA", null, null);
    assertThat(streams.openStreamsOf("u-1")).isEqualTo(1);

    await().atMost(Duration.ofSeconds(15)).until(() -> streams.openStreamsOf("u-1") == 0);

    assertThat(clock.instant()).isAfterOrEqualTo(expiresAt);
    assertThat(streams.openStreamsOf("yamada")).isEqualTo(1); // a Basic user's stream has no expiry
  }

  @Test
  void the_open_streams_gauge_counts_streams_as_they_open_and_end() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    streams.monitoredBy(meters);
    SseEmitter first = streams.subscribe(basic("yamada"), "AOBA", null, null);
    streams.subscribe(basic("sato"), "IZUMI", null, null);
    assertThat(meters.get(DashboardStreams.OPEN_STREAMS_METER).gauge().value()).isEqualTo(2);

    first.complete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> meters.get(DashboardStreams.OPEN_STREAMS_METER).gauge().value() == 1);
  }

  @Test
  void a_stream_opened_with_a_token_that_has_just_expired_ends_at_once() {
    streams.subscribe(
        new StreamViewer("u-1", clock.instant().minusSeconds(30)), "AOBA", null, null);

    await().atMost(Duration.ofSeconds(10)).until(() -> streams.subscriberCount() == 0);
  }

  @Test
  void a_tokens_viewer_is_its_subject_until_its_expiry_and_a_basic_user_has_no_expiry() {
    Instant exp = Instant.parse("2026-11-30T12:00:00Z");
    Jwt jwt =
        new Jwt(
            "token",
            exp.minusSeconds(300),
            exp,
            Map.of("alg", "RS256"),
            Map.of("sub", "u-123", "preferred_username", "yamada"));
    var token =
        new JwtAuthenticationToken(
            jwt, List.of(new SimpleGrantedAuthority("ROLE_COORDINATOR")), "yamada");

    assertThat(StreamViewer.of(token)).isEqualTo(new StreamViewer("u-123", exp));
    assertThat(
            StreamViewer.of(new UsernamePasswordAuthenticationToken("coordinator", "x", List.of())))
        .isEqualTo(new StreamViewer("coordinator", null));
  }
}
