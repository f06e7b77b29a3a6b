package jp.coordination.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness means the store can be written: the whole service, with the MongoDB stand-in stopped
 * and started again under it, while liveness stays cheap and up.
 */
@SpringBootTest(
    classes = CommandServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0", "axon.axonserver.enabled=false"})
@ActiveProfiles(ProfileGuards.LOCAL)
// The service stops after the test, before stop() takes its store away, as it would in a
// deployment: closed by the
// JVM's shutdown hook instead, it would wait out the driver's 30 s server selection to release its
// leases.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ReadinessIT {
  private static final EmbeddedKafkaBroker KAFKA = startKafka();
  private static EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private static final int MONGO_PORT = mongo.port();

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private static EmbeddedKafkaBroker startKafka() {
    try {
      return EmbeddedKafkaBroker.start(Files.createTempDirectory("readiness-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    // A heartbeat every 500 ms instead of 10 s: the stand-in's return is seen within the test's
    // patience.
    registry.add(
        "spring.data.mongodb.uri",
        () -> "mongodb://127.0.0.1:" + MONGO_PORT + "/readiness?heartbeatFrequencyMS=500");
    registry.add("coordination.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> "readiness-events");
    registry.add("coordination.kafka.partitions", () -> "1");
    registry.add("coordination.kafka.replication-factor", () -> "1");
  }

  @AfterAll
  static void stop() {
    mongo.close();
    KAFKA.close();
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int readiness() throws IOException, InterruptedException {
    return get(port, "/actuator/health/readiness").statusCode();
  }

  @Test
  void a_service_whose_store_is_down_is_not_ready_and_is_ready_again_when_the_store_is_back()
      throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    // The first look at the broker may outlast a probe's patience on a busy machine: its answer
    // comes with a later one.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get(managementPort, "/actuator/health/readiness")
                    .body()
                    .contains("\"kafka\":{\"status\":\"UP\""));
    assertThat(get(managementPort, "/actuator/health/readiness").body())
        .contains("\"mongo\":{\"status\":\"UP\"", "\"publication\":{\"status\":\"UP\"")
        .contains("\"readinessState\"", "\"servers\"", "\"brokers\":1", "\"relay\"")
        .doesNotContain("livenessState", "diskSpace");
    assertThat(get(port, "/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");

    mongo.close();

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
    assertThat(get(port, "/actuator/health/readiness").body()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(get(managementPort, "/actuator/health/readiness").body())
        .contains("\"mongo\":{\"status\":\"DOWN\"", "\"error\"");
    HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");

    mongo = EmbeddedMongo.inMemory(MONGO_PORT);

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
  }
}
