package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.TestEvents;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Over HTTP, live and in an evaluation's result: the regional council reads 1 and 2 (and the
 * smallest other ward with them) as null with their paths listed, or {@code x} in the CSV with a
 * note at the end; analysts and auditors read exact figures with an empty list. FY2025 has 1
 * request in Aoba, 4 in Miyagino and 5 in Izumi.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuppressionIT {

  private static final String TOPIC = "coordination.events.suppression-it";
  private static final EmbeddedKafkaBroker BROKER;
  private static final EmbeddedMongo MONGO;

  static {
    try {
      BROKER = EmbeddedKafkaBroker.start(Files.createTempDirectory("suppression-it-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MONGO = EmbeddedMongo.inMemory();
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create the topic", e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/suppression_it");
    registry.add("coordination.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> TOPIC);
    registry.add("coordination.kafka.group-id", () -> "suppression-it-" + UUID.randomUUID());
  }

  @BeforeAll
  static void produceTheYear() throws Exception {
    TestEvents events = new TestEvents();
    Instant monday = jst("2025-06-02T10:00");
    List<EventEnvelope> log = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, Integer> ward :
        Map.of("AOBA", 1, "MIYAGINO", 4, "IZUMI", 5).entrySet()) {
      for (int k = 0; k < ward.getValue(); k++) {
        log.add(events.intakeRequested("i" + (++n), ward.getKey(), monday));
      }
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      EventCodec codec = new EventCodec();
      for (EventEnvelope e : log) {
        producer.send(new ProducerRecord<>(TOPIC, e.aggregateId(), codec.encode(e))).get();
      }
    }
  }

  @AfterAll
  static void stopInfrastructure() {
    BROKER.close();
    MONGO.close();
  }

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void
      the_regional_council_reads_small_numbers_as_null_with_their_paths_and_an_analyst_exact_figures()
          throws Exception {
    awaitTheYear();

    JsonNode council = json.readTree(get("/api/statistics/2025", "city-council", null).body());
    assertThat(council.at("/wards/AOBA/intakesRequested").isNull()).isTrue();
    assertThat(council.at("/wards/MIYAGINO/intakesRequested").isNull()).isTrue();
    assertThat(council.at("/wards/IZUMI/intakesRequested").asInt()).isEqualTo(5);
    assertThat(council.at("/total/intakesRequested").asInt()).isEqualTo(10);
    assertThat(paths(council.get("suppressed")))
        .contains(
            "wards.AOBA.intakesRequested",
            "wards.MIYAGINO.intakesRequested",
            "wards.AOBA.placementRate")
        .allSatisfy(
            path ->
                assertThat(council.at("/" + path.replace('.', '/')).isNull()).as(path).isTrue());

    for (String exactReader : List.of("analyst", "auditor", "coordinator")) {
      JsonNode exact = json.readTree(get("/api/statistics/2025", exactReader, null).body());
      assertThat(exact.at("/wards/AOBA/intakesRequested").asInt()).as(exactReader).isEqualTo(1);
      assertThat(exact.get("suppressed").isArray()).as(exactReader).isTrue();
      assertThat(exact.get("suppressed")).as(exactReader).isEmpty();
    }
  }

  @Test
  void the_regional_council_s_csv_shows_x_and_ends_with_a_note_and_an_analyst_s_has_neither()
      throws Exception {
    awaitTheYear();

    List<String> council =
        csvLines(get("/api/statistics/2025?format=csv", "city-council", null).body());
    int requested = List.of(council.get(0).split(",", -1)).indexOf("緊急受入れ依頼件数");
    assertThat(council.get(1).split(",", -1)[requested]).isEqualTo("x");
    assertThat(council.get(council.size() - 1)).startsWith("注,x：秘匿（1〜2の件数");

    List<String> analyst = csvLines(get("/api/statistics/2025", "analyst", "text/csv").body());
    assertThat(analyst.get(1).split(",", -1)[requested]).isEqualTo("1");
    assertThat(analyst).noneMatch(line -> line.startsWith("注"));
  }

  @Test
  void an_evaluation_result_is_suppressed_for_the_regional_council_and_exact_for_the_analyst()
      throws Exception {
    awaitTheYear();
    HttpResponse<String> started = post("/api/evaluations", "{\"fiscalYear\":2025}", "analyst");
    assertThat(started.statusCode()).isEqualTo(202);
    String id = json.readTree(started.body()).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/evaluations/" + id, "analyst", null).body())
                            .get("status")
                            .asText())
                    .isEqualTo("DONE"));

    JsonNode council =
        json.readTree(get("/api/evaluations/" + id, "city-council", null).body()).get("result");
    assertThat(council.at("/wards/AOBA/intakesRequested").isNull()).isTrue();
    assertThat(paths(council.get("suppressed"))).contains("wards.AOBA.intakesRequested");
    // The same figures and list as the live answer for the same reader.
    assertThat(council)
        .isEqualTo(json.readTree(get("/api/statistics/2025", "city-council", null).body()));

    JsonNode analyst =
        json.readTree(get("/api/evaluations/" + id, "analyst", null).body()).get("result");
    assertThat(analyst.at("/wards/AOBA/intakesRequested").asInt()).isEqualTo(1);
    assertThat(analyst.get("suppressed")).isEmpty();

    List<String> councilCsv =
        csvLines(get("/api/evaluations/" + id + "?format=csv", "city-council", null).body());
    int requested = List.of(councilCsv.get(0).split(",", -1)).indexOf("緊急受入れ依頼件数");
    assertThat(councilCsv.get(1).split(",", -1)[requested]).isEqualTo("x");
    assertThat(councilCsv.get(councilCsv.size() - 1)).startsWith("注,");
  }

  private void awaitTheYear() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/statistics/2025", "analyst", null).body())
                            .at("/total/intakesRequested")
                            .asInt())
                    .isEqualTo(10));
  }

  private static List<String> paths(JsonNode array) {
    List<String> paths = new ArrayList<>();
    array.forEach(p -> paths.add(p.asText()));
    return paths;
  }

  private static List<String> csvLines(String body) {
    return body.lines().toList();
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> get(String path, String user, String accept) throws Exception {
    HttpRequest.Builder b = request(path, user).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String body, String user) throws Exception {
    return http.send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
