package jp.coordination.query.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.dashboard.DashboardProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The read API with room for one read at a time, over real HTTP: while one dashboard read is held
 * inside its handler, the next read is refused at once, and what is not a read of the limited kind
 * (a live stream, health) is still served.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "coordination.read-admission.max-in-progress=1",
      "coordination.read-admission.max-wait=5ms",
      "coordination.read-admission.retry-after=1s"
    })
class ReadAdmissionIT {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();

  /** What the test's client would wait for an answer before giving up. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * What the held read and the test wait at most: generous, as a first request also warms the
   * service up.
   */
  private static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/read_admission_it");
    registry.add("coordination.kafka.bootstrap-servers", () -> "127.0.0.1:9");
    registry.add("coordination.kafka.consumer-enabled", () -> "false");
  }

  @AfterAll
  static void stopMongo() {
    MONGO.close();
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @MockitoSpyBean DashboardProjection projection;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** The first dashboard read stays inside the handler until released; later ones pass through. */
  @BeforeEach
  void holdTheFirstDashboardRead() {
    doAnswer(
            read -> {
              entered.countDown();
              release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
              return read.callRealMethod();
            })
        .when(projection)
        .dashboard(anyString());
  }

  @AfterEach
  void releaseTheHeldRead() {
    release.countDown();
  }

  @Test
  void a_read_beyond_the_limit_is_answered_503_with_retry_after_at_once_and_served_again_after()
      throws Exception {
    double shedBefore = shed("dashboard");
    CompletableFuture<HttpResponse<String>> first = hold("/api/wards/AOBA/dashboard");

    long start = System.nanoTime();
    HttpResponse<String> refused =
        send(get("/api/wards/AOBA/dashboard", "aoba-council", CLIENT_TIMEOUT));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(took)
        .as("refused well within the client's timeout")
        .isLessThan(CLIENT_TIMEOUT.dividedBy(5));
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("X-Correlation-Id")).isPresent();
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:coordination:problem:overloaded");
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("errors").isArray()).isTrue();
    assertThat(shed("dashboard")).isEqualTo(shedBefore + 1);
    // Refused before credentials are checked: a refusal costs no password or token check.
    HttpResponse<String> anonymous =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/api/wards/AOBA/dashboard"))
                .timeout(CLIENT_TIMEOUT)
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(503);

    release.countDown();
    assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
    assertThat(send(get("/api/wards/AOBA/dashboard", "aoba-council", WAIT)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void the_limit_is_shared_by_every_read_of_the_api_each_counted_in_its_group() throws Exception {
    double statisticsBefore = shed("statistics");
    CompletableFuture<HttpResponse<String>> first = hold("/api/wards/AOBA/dashboard");

    assertThat(send(get("/api/statistics/2024", "city-council", CLIENT_TIMEOUT)).statusCode())
        .isEqualTo(503);
    assertThat(shed("statistics")).isEqualTo(statisticsBefore + 1);

    release.countDown();
    assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
    assertThat(send(get("/api/statistics/2024", "city-council", WAIT)).statusCode()).isEqualTo(200);
  }

  @Test
  void live_streams_and_health_are_served_while_every_read_slot_is_taken() throws Exception {
    CompletableFuture<HttpResponse<String>> first = hold("/api/wards/AOBA/dashboard");

    HttpResponse<Stream<String>> stream =
        http.sendAsync(
                HttpRequest.newBuilder(URI.create(base() + "/api/wards/IZUMI/dashboard/stream"))
                    .header("Authorization", basic("coordinator"))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    try (Stream<String> lines = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      CompletableFuture<Boolean> message =
          CompletableFuture.supplyAsync(() -> lines.anyMatch(line -> line.startsWith("data:")));
      assertThat(message.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .as("the first message")
          .isTrue();
    }
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).timeout(WAIT).build());
    assertThat(health.statusCode()).isEqualTo(200);

    assertThat(first).isNotDone();
    release.countDown();
    assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
  }

  private double shed(String group) {
    return meters.get(AdmissionLimit.SHED_METRIC).tag("group", group).counter().count();
  }

  private HttpRequest get(String path, String user, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", basic(user))
        .header("Accept", "application/json")
        .timeout(timeout)
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a read that stays inside its handler until {@code release}; returns once it is inside.
   */
  private CompletableFuture<HttpResponse<String>> hold(String path) throws InterruptedException {
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(get(path, "coordinator", WAIT), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .as("the first read is held")
        .isTrue();
    return response;
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
