package jp.coordination.query.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

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
import java.util.concurrent.atomic.AtomicBoolean;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.admission.TimedRequestExecutor;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.dashboard.DashboardProjection;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A service whose every request thread is busy, over real HTTP: Tomcat has one thread here, held by
 * a dashboard read, and read slots to spare. A read that arrives meanwhile waits for the thread
 * before any filter runs; once the thread takes it, it has waited longer than the queue wait and is
 * answered 503 at once instead of served late.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.tomcat.threads.max=1",
      "server.tomcat.threads.min-spare=1",
      "coordination.read-admission.max-in-progress=4",
      "coordination.read-admission.max-wait=5ms",
      "coordination.read-admission.max-queue-wait=100ms",
      "coordination.read-admission.retry-after=1s"
    })
class ReadAdmissionQueueIT {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** How long the one thread stays busy: well past the queue wait. */
  private static final Duration BUSY = Duration.ofMillis(600);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.data.mongodb.uri", () -> MONGO.connectionString() + "/read_admission_queue_it");
    registry.add("coordination.kafka.bootstrap-servers", () -> "127.0.0.1:9");
    registry.add("coordination.kafka.consumer-enabled", () -> "false");
  }

  @AfterAll
  static void stopMongo() {
    MONGO.close();
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired ServletWebServerApplicationContext context;
  @MockitoSpyBean DashboardProjection projection;

  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseTheHeldRead() {
    release.countDown();
  }

  @Test
  void the_application_port_runs_its_requests_on_the_timed_threads() {
    Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

    assertThat(connector.getProtocolHandler().getExecutor())
        .isInstanceOf(TimedRequestExecutor.class);
  }

  @Test
  void a_read_that_waited_for_a_thread_longer_than_the_queue_wait_is_answered_503_at_once()
      throws Exception {
    // Warm up first: the first request of a fresh service is slow for reasons of its own.
    assertThat(send(get("/api/wards/AOBA/dashboard")).statusCode()).isEqualTo(200);
    AtomicBoolean holdNext = new AtomicBoolean(true);
    doAnswer(
            read -> {
              if (holdNext.getAndSet(false)) {
                entered.countDown();
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
              }
              return read.callRealMethod();
            })
        .when(projection)
        .dashboard(anyString());
    double shedBefore = shed();
    CompletableFuture<HttpResponse<String>> first =
        http.sendAsync(get("/api/wards/AOBA/dashboard"), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    CompletableFuture<HttpResponse<String>> queued =
        http.sendAsync(get("/api/wards/AOBA/dashboard"), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(BUSY.toMillis());
    assertThat(queued).as("no thread has taken it yet").isNotDone();
    release.countDown();

    assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
    HttpResponse<String> late = queued.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(late.statusCode()).isEqualTo(503);
    assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(late.body()).contains("urn:coordination:problem:overloaded");
    assertThat(shed()).isEqualTo(shedBefore + 1);
    // Nothing stays refused: a read that finds the thread free is served.
    assertThat(send(get("/api/wards/AOBA/dashboard")).statusCode()).isEqualTo(200);
  }

  private double shed() {
    return meters.get(AdmissionLimit.SHED_METRIC).tag("group", "dashboard").counter().count();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("coordinator:coordinator".getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json")
        .timeout(WAIT)
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
