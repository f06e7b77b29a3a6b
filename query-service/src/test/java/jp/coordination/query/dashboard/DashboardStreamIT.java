package jp.coordination.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.TestEvents;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.EventApplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live stream over real HTTP: events go in where the consumer hands them over ({@link
 * EventApplier}), subscribers read {@code text/event-stream} with a plain HTTP client.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardStreamIT {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/stream_it");
    registry.add("coordination.kafka.bootstrap-servers", () -> "127.0.0.1:9");
    registry.add("coordination.kafka.consumer-enabled", () -> "false");
    registry.add("coordination.dashboard.stream.coalesce", () -> "100ms");
    registry.add("coordination.dashboard.stream.heartbeat", () -> "300ms");
  }

  @AfterAll
  static void stopMongo() {
    MONGO.close();
  }

  @LocalServerPort int port;
  @Autowired EventApplier applier;
  @Autowired DashboardStreams streams;

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final AtomicLong OFFSETS = new AtomicLong();
  private final TestEvents events = new TestEvents();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Stream<String>> open = new ArrayList<>();

  @AfterEach
  void closeStreams() {
    open.forEach(Stream::close);
  }

  @Test
  void a_subscriber_gets_the_current_state_then_an_update_after_an_event() throws Exception {
    Subscription sub = subscribe("MIYAGINO", "coordinator", null);
    Message first = sub.nextMessage();
    int before = first.json().path("intakes").path("open").asInt();

    apply(events.intakeRequested("stream-i1", "MIYAGINO", NOW.minusSeconds(600)));

    Message update = sub.nextMessage();
    assertThat(update.event()).isEqualTo("dashboard");
    assertThat(update.json().path("ward").asText()).isEqualTo("MIYAGINO");
    assertThat(update.json().path("intakes").path("open").asInt()).isEqualTo(before + 1);
    assertThat(Long.parseLong(update.id())).isGreaterThan(Long.parseLong(first.id()));
  }

  @Test
  void a_burst_of_events_is_coalesced_into_few_messages() throws Exception {
    Subscription sub = subscribe("TAIHAKU", "coordinator", null);
    sub.nextMessage();
    for (int i = 0; i < 30; i++) {
      apply(events.intakeRequested("burst-" + i, "TAIHAKU", NOW.minusSeconds(600)));
    }
    // Wait until the last state arrived, counting the messages on the way.
    int messages = 0;
    Message last;
    do {
      last = sub.nextMessage();
      messages++;
    } while (last.json().path("intakes").path("open").asInt() < 30);
    assertThat(messages).isLessThan(30);
  }

  @Test
  void a_reconnect_with_an_older_last_event_id_gets_the_missed_change_at_once() throws Exception {
    Subscription sub = subscribe("WAKABAYASHI", "coordinator", null);
    Message seen = sub.nextMessage();
    sub.close();

    apply(events.coSupportOpened("stream-c1", "WAKABAYASHI", NOW.minusSeconds(600)));

    Subscription again = subscribe("WAKABAYASHI", "coordinator", seen.id());
    Message missed = again.nextMessage();
    assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(seen.id()));
    assertThat(missed.json().path("coSupports").path("open").asInt())
        .isEqualTo(seen.json().path("coSupports").path("open").asInt() + 1);
  }

  @Test
  void a_reconnect_that_is_up_to_date_gets_no_repeat_but_heartbeats() throws Exception {
    apply(events.facilityRegistered("stream-f1", "IZUMI", 2, NOW.minusSeconds(600)));
    Subscription sub = subscribe("IZUMI", "coordinator", null);
    Message current = sub.nextMessage();
    sub.close();

    Subscription again = subscribe("IZUMI", "coordinator", current.id());
    // Nothing changed: only comments (the "up to date" note, then heartbeats on the idle line).
    List<String> comments = again.comments(2);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(1)).contains("heartbeat");
  }

  @Test
  void the_stream_of_another_ward_is_refused_to_a_ward_council() throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/wards/IZUMI/dashboard/stream", "aoba-council", null),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/wards/AOBA/dashboard/stream")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void one_stream_more_than_allowed_per_user_is_answered_429_problem_json_with_retry_after()
      throws Exception {
    for (int i = 0; i < 8; i++) { // the default of coordination.dashboard.stream.max-per-user
      subscribe(i % 2 == 0 ? "AOBA" : "IZUMI", "city-council", null);
    }

    HttpResponse<String> refused =
        http.send(
            request("/api/wards/AOBA/dashboard/stream", "city-council", null),
            HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L))
        .isPositive();
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.path("type").asText())
        .isEqualTo("urn:coordination:problem:too-many-streams");
    assertThat(problem.path("status").asInt()).isEqualTo(429);
    // Another user is not affected.
    subscribe("AOBA", "auditor", null).nextMessage();
  }

  @Test
  void a_fiscal_year_that_is_no_year_is_refused_naming_the_field() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    request("/api/wards/AOBA/dashboard?fiscalYear=abc", "coordinator", null),
                    (n, v) -> !n.equals("Accept"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asText())
        .isEqualTo("fiscalYear");
  }

  @Test
  void the_dashboard_of_a_chosen_fiscal_year_has_its_figures_and_months() throws Exception {
    apply(events.intakeRequested("fy-i1", "AOBA", TestEvents.jst("2024-06-10T10:00")));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    request("/api/wards/AOBA/dashboard?fiscalYear=2024", "aoba-council", null),
                    (n, v) -> !n.equals("Accept"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("fiscalYear").asInt()).isEqualTo(2024);
    assertThat(body.path("intakes").path("requestedThisYear").asInt()).isEqualTo(1);
    assertThat(body.path("monthly").path("months").get(2).asText()).isEqualTo("2024-06");
    assertThat(body.path("monthly").path("intakesRequested").get(2).asInt()).isEqualTo(1);
  }

  private void apply(EventEnvelope envelope) {
    applier.apply(envelope, new Delivery(0, OFFSETS.incrementAndGet()));
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private HttpRequest request(String path, String user, String lastEventId) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      builder.header("Last-Event-ID", lastEventId);
    }
    return builder.build();
  }

  private Subscription subscribe(String ward, String user, String lastEventId) throws Exception {
    HttpResponse<Stream<String>> response =
        http.sendAsync(
                request("/api/wards/" + ward + "/dashboard/stream", user, lastEventId),
                HttpResponse.BodyHandlers.ofLines())
            .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Stream<String> lines = response.body();
    open.add(lines);
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    CompletableFuture.runAsync(
        () -> {
          try {
            lines.forEach(queue::add);
          } catch (RuntimeException e) {
            // closed by the test
          }
        });
    return new Subscription(queue, lines);
  }

  record Message(String id, String event, JsonNode json) {}

  final class Subscription {
    private final BlockingQueue<String> lines;
    private final Stream<String> stream;

    Subscription(BlockingQueue<String> lines, Stream<String> stream) {
      this.lines = lines;
      this.stream = stream;
    }

    /** The next message (comments skipped), parsed per the SSE format. */
    Message nextMessage() throws Exception {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      while (true) {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line of the stream within %s", WAIT).isNotNull();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            return new Message(id, event, json.readTree(data.toString()));
          }
          continue;
        }
        if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    }

    /** The next {@code n} comment lines; fails on a data line. */
    List<String> comments(int n) throws InterruptedException {
      List<String> comments = new ArrayList<>();
      while (comments.size() < n) {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line of the stream within %s", WAIT).isNotNull();
        assertThat(line).doesNotStartWith("data:");
        if (line.startsWith(":")) {
          comments.add(line);
        }
      }
      return comments;
    }

    void close() throws IOException {
      stream.close();
    }
  }
}
