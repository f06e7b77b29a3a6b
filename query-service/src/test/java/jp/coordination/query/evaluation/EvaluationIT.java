package jp.coordination.query.evaluation;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeTrigger;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Through the real (embedded) broker and the MongoDB stand-in: the live statistics and the
 * evaluation rebuilt from the topic (over HTTP and from the command line) are the same bytes.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The first test counts every event on the topic; the what-if adds its own (another year) after it.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationIT {

  private static final String TOPIC = "coordination.events.evaluation-it";
  private static final EmbeddedKafkaBroker BROKER;
  private static final EmbeddedMongo MONGO;

  static {
    try {
      BROKER = EmbeddedKafkaBroker.start(Files.createTempDirectory("evaluation-it-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MONGO = EmbeddedMongo.inMemory();
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create the topic", e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/evaluation_it");
    registry.add("coordination.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> TOPIC);
    registry.add(
        "coordination.personal-data.keystore-uri",
        () -> MONGO.connectionString() + "/evaluation_keys_it");
    registry.add("coordination.kafka.group-id", () -> "evaluation-it-" + UUID.randomUUID());
  }

  @AfterAll
  static void stopInfrastructure() {
    BROKER.close();
    MONGO.close();
  }

  @LocalServerPort int port;
  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void live_statistics_equal_the_evaluation_rebuilt_from_the_topic_over_http_and_command_line()
      throws Exception {
    TestEvents events = new TestEvents();
    List<EventEnvelope> log =
        List.of(
            events.householdRegistered("h1", "AOBA", jst("2025-04-10T10:00"), RiskFactor.ISOLATED),
            events.intakeRequested("i1", "AOBA", jst("2025-06-02T19:00")),
            events.intakePlaced("i1", "AOBA", "f1", jst("2025-06-02T22:00")),
            events.intakeCompleted("i1", "AOBA", jst("2025-06-12T10:00")),
            events.intakeRequested("i2", "IZUMI", jst("2025-07-01T10:00")),
            events.intakeCancelled("i2", "IZUMI", jst("2025-07-01T12:00")),
            events.householdMoved("h1", "AOBA", "TAIHAKU", jst("2025-09-01T10:00")),
            events.coSupportOpened("c1", "MIYAGINO", jst("2025-05-01T10:00")),
            events.coSupportActivity("c1", "MIYAGINO", jst("2025-05-02T10:00")),
            events.coSupportClosed("c1", "MIYAGINO", jst("2025-05-11T10:00")),
            events.intakeRequested("late", "AOBA", jst("2026-03-31T23:59:59")));
    for (EventEnvelope e : log) {
      if (e.payload() instanceof EmergencyIntakePlaced) {
        // Published by a build before revision 2: both the live path and the replay read it
        // through the upcaster.
        produceAsRevision1(e);
      } else {
        produce(e);
      }
    }
    produce(log.get(1)); // an at-least-once copy

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode live = json.readTree(get("/api/statistics/2025", "auditor").body());
              assertThat(live.at("/total/intakesRequested").asInt()).isEqualTo(3);
              assertThat(live.at("/total/coSupportsClosed").asInt()).isEqualTo(1);
              assertThat(live.at("/wards/TAIHAKU/householdsActiveAtYearEnd").asInt()).isEqualTo(1);
              assertThat(live.at("/wards/AOBA/placementRate").decimalValue())
                  .isEqualByComparingTo("0.5");
            });
    JsonNode placed = json.readTree(get("/api/intakes/i1", "coordinator").body());
    assertThat(placed.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(placed.path("facilityId").asText()).isEqualTo("f1");
    assertThat(placed.has("expectedLastDay")).isTrue();
    assertThat(placed.path("expectedLastDay").isNull()).isTrue();
    // Read by auditors and analysts alike: exact figures, nothing suppressed (SuppressionIT:
    // councils).
    String live = get("/api/statistics/2025", "auditor").body();

    HttpResponse<String> started = post("/api/evaluations", "{\"fiscalYear\":2025}", "analyst");
    assertThat(started.statusCode()).isEqualTo(202);
    String id = json.readTree(started.body()).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/evaluations/" + id, "analyst").body())
                            .get("status")
                            .asText())
                    .isEqualTo("DONE"));
    String job = get("/api/evaluations/" + id, "analyst").body();
    JsonNode jobNode = json.readTree(job);
    assertThat(jobNode.get("eventsRead").asLong()).isEqualTo(log.size() + 1);
    // The result is embedded byte for byte (re-serialising would turn 0.5000 into 0.5); it is last.
    assertThat(job).endsWith("\"result\":" + live + "}");

    HttpResponse<byte[]> liveCsv = getBytes("/api/statistics/2025?format=csv", "auditor", null);
    HttpResponse<byte[]> jobCsv = getBytes("/api/evaluations/" + id, "analyst", "text/csv");
    assertThat(liveCsv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(jobCsv.body()).isEqualTo(liveCsv.body());
    assertThat(new String(liveCsv.body(), StandardCharsets.UTF_8)).contains("合計");

    ByteArrayOutputStream cli = new ByteArrayOutputStream();
    int exit =
        EvaluateCli.run(
            new String[] {
              "evaluate",
              "--fiscal-year",
              "2025",
              "--bootstrap-servers",
              BROKER.bootstrapServers(),
              "--topic",
              TOPIC
            },
            cli,
            System.err);
    assertThat(exit).isZero();
    assertThat(cli.toString(StandardCharsets.UTF_8)).isEqualTo(live);

    // The council's March view: the request recorded after the cutoff is left out.
    HttpResponse<String> asOf =
        post(
            "/api/evaluations",
            "{\"fiscalYear\":2025,\"recordedUpTo\":\"2026-03-31T23:59:59+09:00\"}",
            "analyst");
    String cutoffId = json.readTree(asOf.body()).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/evaluations/" + cutoffId, "analyst").body())
                            .at("/result/total/intakesRequested")
                            .asInt())
                    .isEqualTo(2));
  }

  @Test
  @Order(2)
  void
      a_what_if_with_a_90_day_reuse_window_shows_the_variant_beside_the_official_figures_and_their_differences()
          throws Exception {
    TestEvents events = new TestEvents();
    // FY2023 in IZUMI: one household's second request 119 days after its first intake completed.
    EventEnvelope first =
        events.wrap(
            new EmergencyIntakeRequested(
                "w1", "IZUMI", "wh1", IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS, List.of()),
            jst("2023-05-01T10:00"));
    EventEnvelope second =
        events.wrap(
            new EmergencyIntakeRequested(
                "w2", "IZUMI", "wh1", IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS, List.of()),
            jst("2023-09-28T10:00"));
    produce(first);
    produce(events.intakeCompleted("w1", "IZUMI", jst("2023-06-01T10:00")));
    produce(second);

    HttpResponse<String> started =
        post(
            "/api/evaluations",
            "{\"fiscalYear\":2023,\"definitions\":{\"reuseWindowDays\":90}}",
            "analyst");
    assertThat(started.statusCode()).isEqualTo(202);
    String id = json.readTree(started.body()).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/evaluations/" + id, "analyst").body())
                            .get("status")
                            .asText())
                    .isEqualTo("DONE"));
    JsonNode job = json.readTree(get("/api/evaluations/" + id, "auditor").body());
    assertThat(job.at("/definitions/reuseWindowDays").asInt()).isEqualTo(90);
    assertThat(job.at("/definitions/preRegisteredBy").asText()).isEqualTo("BUSINESS_TIME");
    assertThat(job.at("/definitions/placementsCounted").asText()).isEqualTo("ANY_TIME");
    assertThat(job.at("/official/wards/IZUMI/reuseWithin180Days").asInt()).isEqualTo(1);
    assertThat(job.at("/result/wards/IZUMI/reuseWithin180Days").asInt()).isZero();
    assertThat(job.get("differences")).hasSize(2);
    assertThat(job.at("/differences/0/ward").asText()).isEqualTo("IZUMI");
    assertThat(job.at("/differences/0/figure").asText()).isEqualTo("reuseWithin180Days");
    assertThat(job.at("/differences/0/official").asInt()).isEqualTo(1);
    assertThat(job.at("/differences/0/variant").asInt()).isZero();
    assertThat(job.at("/differences/1/ward").isNull()).as("the region's total").isTrue();

    String differences =
        new String(
            getBytes("/api/evaluations/" + id + "?format=csv&part=differences", "analyst", null)
                .body(),
            StandardCharsets.UTF_8);
    assertThat(differences.lines().toList())
        .contains("2023,泉区,180日以内の再利用,1,0,-1", "2023,合計,180日以内の再利用,1,0,-1");
    assertThat(differences).contains("試算の定義：再利用の期間 90日");
    HttpResponse<byte[]> officialCsv =
        getBytes("/api/evaluations/" + id + "?format=csv&part=official", "analyst", null);
    assertThat(officialCsv.statusCode()).isEqualTo(200);

    // Councils read suppressed figures; a what-if would let them difference them back.
    assertThat(
            post(
                    "/api/evaluations",
                    "{\"fiscalYear\":2023,\"definitions\":{\"reuseWindowDays\":90}}",
                    "city-council")
                .statusCode())
        .isEqualTo(403);
    assertThat(get("/api/evaluations/" + id, "city-council").statusCode()).isEqualTo(403);
    // The live figures are untouched by the what-if.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/statistics/2023", "analyst").body())
                            .at("/wards/IZUMI/reuseWithin180Days")
                            .asInt())
                    .isEqualTo(1));
  }

  @Test
  @Order(3)
  void
      a_drill_down_lists_as_many_pseudonymised_events_as_the_figure_counts_and_is_recorded_as_a_read()
          throws Exception {
    // FY2023 in IZUMI, from the what-if above: two requests of one household, the second a re-use.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(get("/api/statistics/2023", "analyst").body())
                            .at("/wards/IZUMI/intakesRequested")
                            .asInt())
                    .isEqualTo(2));
    JsonNode figures = json.readTree(get("/api/statistics/2023", "analyst").body());
    String purpose = "&purpose=" + java.net.URLEncoder.encode("令和5年度評価の確認", StandardCharsets.UTF_8);

    HttpResponse<String> requested =
        get("/api/statistics/2023/events?ward=IZUMI&figure=intakesRequested" + purpose, "analyst");
    assertThat(requested.statusCode()).isEqualTo(200);
    JsonNode listed = json.readTree(requested.body());
    assertThat(listed).hasSize(figures.at("/wards/IZUMI/intakesRequested").asInt());
    assertThat(listed.findValuesAsText("type")).containsOnly("EmergencyIntakeRequested");
    assertThat(listed.findValuesAsText("aggregateType")).containsOnly("EmergencyIntake");
    assertThat(listed.findValuesAsText("businessTime"))
        .containsExactly("2023-05-01T01:00:00Z", "2023-09-28T01:00:00Z");
    assertThat(listed.findValuesAsText("pseudonym"))
        .allMatch(p -> p.startsWith("p-"))
        .doesNotHaveDuplicates();
    assertThat(requested.body()).doesNotContain("\"w1\"", "\"w2\"", "wh1");

    JsonNode reuse =
        json.readTree(
            get(
                    "/api/statistics/2023/events?ward=IZUMI&figure=reuseWithin180Days" + purpose,
                    "auditor")
                .body());
    assertThat(reuse).hasSize(figures.at("/wards/IZUMI/reuseWithin180Days").asInt()).hasSize(1);
    assertThat(reuse.at("/0/pseudonym").asText())
        .as("the same intake has the same pseudonym in every drill-down")
        .isEqualTo(listed.at("/1/pseudonym").asText());
    JsonNode total =
        json.readTree(
            get("/api/statistics/2023/events?figure=intakesRequested" + purpose, "analyst").body());
    assertThat(total).hasSize(figures.at("/total/intakesRequested").asInt());

    try (var client = com.mongodb.client.MongoClients.create(MONGO.connectionString())) {
      var reads = client.getDatabase("evaluation_keys_it").getCollection("access_records");
      org.bson.Document read =
          reads.find(new org.bson.Document("recordId", "2023/IZUMI/intakesRequested")).first();
      assertThat(read).isNotNull();
      assertThat(read.getString("recordType")).isEqualTo("StatisticsFigure");
      assertThat(read.getString("who")).isEqualTo("analyst");
      assertThat(read.getString("purpose")).isEqualTo("令和5年度評価の確認");
      assertThat(read.getString("endpoint")).isEqualTo("GET /api/statistics/{fiscalYear}/events");
      assertThat(
              reads.countDocuments(
                  new org.bson.Document("recordId", "2023/TOTAL/intakesRequested")))
          .isEqualTo(1);
    }

    assertThat(
            field(get("/api/statistics/2023/events?ward=IZUMI&figure=intakesRequested", "analyst")))
        .isEqualTo("purpose");
    assertThat(
            field(
                get(
                    "/api/statistics/2023/events?ward=IZUMI&figure=placementRate" + purpose,
                    "analyst")))
        .isEqualTo("figure");
    assertThat(
            field(
                get(
                    "/api/statistics/2023/events?ward=NOWHERE&figure=intakesRequested" + purpose,
                    "analyst")))
        .isEqualTo("ward");
    assertThat(
            get(
                    "/api/statistics/2023/events?ward=IZUMI&figure=intakesRequested" + purpose,
                    "city-council")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            get(
                    "/api/statistics/2023/events?ward=IZUMI&figure=intakesRequested" + purpose,
                    "coordinator")
                .statusCode())
        .isEqualTo(403);
  }

  private String field(HttpResponse<String> refused) throws IOException {
    assertThat(refused.statusCode()).isEqualTo(400);
    return json.readTree(refused.body()).at("/errors/0/field").asText();
  }

  @Test
  @Order(4)
  void invalid_requests_get_400_naming_the_field_and_unknown_jobs_404() throws Exception {
    HttpResponse<String> year = post("/api/evaluations", "{\"fiscalYear\":1850}", "analyst");
    assertThat(year.statusCode()).isEqualTo(400);
    assertThat(json.readTree(year.body()).at("/errors/0/field").asText()).isEqualTo("fiscalYear");
    HttpResponse<String> cutoff =
        post("/api/evaluations", "{\"fiscalYear\":2025,\"recordedUpTo\":\"yesterday\"}", "analyst");
    assertThat(cutoff.statusCode()).isEqualTo(400);
    assertThat(json.readTree(cutoff.body()).at("/errors/0/field").asText())
        .isEqualTo("recordedUpTo");
    assertThat(get("/api/statistics/twenty", "analyst").statusCode()).isEqualTo(400);
    assertThat(get("/api/evaluations/nope", "analyst").statusCode()).isEqualTo(404);
    assertThat(get("/api/statistics/2025", "aoba-council").statusCode()).isEqualTo(403);
    assertThat(post("/api/evaluations", "{\"fiscalYear\":2025}", "coordinator").statusCode())
        .isEqualTo(403);

    for (String[] bad :
        new String[][] {
          {"{\"reuseWindowDays\":0}", "definitions.reuseWindowDays"},
          {"{\"reuseWindowDays\":\"90\"}", "definitions.reuseWindowDays"},
          {"{\"preRegisteredBy\":\"SOMETIME\"}", "definitions.preRegisteredBy"},
          {"{\"placementsCounted\":1}", "definitions.placementsCounted"},
          {"{\"reuseWindow\":90}", "definitions.reuseWindow"},
          {"[90]", "definitions"}
        }) {
      HttpResponse<String> refused =
          post(
              "/api/evaluations",
              "{\"fiscalYear\":2025,\"definitions\":" + bad[0] + "}",
              "analyst");
      assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(json.readTree(refused.body()).at("/errors/0/field").asText())
          .as(bad[0])
          .isEqualTo(bad[1]);
    }
    HttpResponse<String> official = post("/api/evaluations", "{\"fiscalYear\":2024}", "analyst");
    String officialId = json.readTree(official.body()).get("id").asText();
    HttpResponse<String> noDifferences =
        get("/api/evaluations/" + officialId + "?format=csv&part=differences", "analyst");
    assertThat(noDifferences.statusCode()).isEqualTo(400);
    assertThat(json.readTree(noDifferences.body()).at("/errors/0/field").asText())
        .isEqualTo("part");
  }

  private void produce(EventEnvelope envelope) throws Exception {
    produce(envelope.aggregateId(), codec.encode(envelope));
  }

  /** A placement as the build before revision 2 wrote it: no expectedLastDay, revision 1. */
  private void produceAsRevision1(EventEnvelope placed) throws Exception {
    ObjectNode tree = codec.toTree(placed);
    tree.put("revision", 1);
    ((ObjectNode) tree.get("payload")).remove("expectedLastDay");
    produce(placed.aggregateId(), codec.mapper().writeValueAsBytes(tree));
  }

  private void produce(String key, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getBytes(String path, String user, String accept) throws Exception {
    HttpRequest.Builder b = request(path, user).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
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
