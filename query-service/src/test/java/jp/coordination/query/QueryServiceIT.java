package jp.coordination.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.apidocs.DocumentedOperations;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.platform.security.ServiceSecurity;
import jp.coordination.query.consumer.EventConsumer;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end on the real (embedded) Kafka broker and the MongoDB stand-in: events
 * produced to the topic show on the dashboard over HTTP; a duplicate, a consumer restart, lost
 * positions and a broker outage change no count.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Tests switch metric export off by default; the Prometheus endpoint is part of what is checked.
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryServiceIT {

  private static final String TOPIC = "coordination.events.it";
  private static final EmbeddedKafkaBroker BROKER;
  private static final EmbeddedMongo MONGO;

  static {
    try {
      BROKER = EmbeddedKafkaBroker.start(Files.createTempDirectory("query-it-kafka"), 0);
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
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/query_it");
    registry.add("coordination.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> TOPIC);
    registry.add("coordination.kafka.group-id", () -> "query-it-" + UUID.randomUUID());
    registry.add("coordination.kafka.retry-backoff", () -> "200ms");
    registry.add(
        "coordination.personal-data.keystore-uri", () -> MONGO.connectionString() + "/keys_it");
  }

  @AfterAll
  static void stopInfrastructure() {
    BROKER.close();
    MONGO.close();
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired EventConsumer consumer;
  @Autowired MongoDatabase database;

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  // Business times are fixed in the middle of FY2025 (noon JST, 15 October 2025) and the dashboard
  // is read for that year, so no time of day or year of the run can put an event in another fiscal
  // year than the one read (times relative to the clock did, from 00:00 to 03:00 JST on 1 April).
  private static final int FISCAL_YEAR = 2025;
  private static final Instant NOW = TestEvents.jst("2025-10-15T12:00:00");
  private static final TestEvents EVENTS = new TestEvents();
  private static EventEnvelope request;

  @Test
  @Order(1)
  void produced_events_show_on_the_ward_dashboard() {
    produce(
        EVENTS.householdRegistered(
            "h1", "AOBA", NOW.minusSeconds(7200), RiskFactor.ISOLATED, RiskFactor.LIVES_ALONE));
    request = EVENTS.intakeRequested("i1", "AOBA", NOW.minusSeconds(3 * 3600));
    produce(request);
    produce(EVENTS.facilityRegistered("f1", "AOBA", 3, NOW.minusSeconds(9000)));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode d = dashboard("AOBA");
              assertThat(d.at("/households/active").asInt()).isEqualTo(1);
              assertThat(d.at("/intakes/open").asInt()).isEqualTo(1);
              assertThat(d.at("/facilities/emergencyBedsAvailable").asInt()).isEqualTo(3);
            });
    JsonNode d = dashboard("AOBA");
    assertThat(d.at("/ward").asText()).isEqualTo("AOBA");
    assertThat(d.at("/households/byRiskFactor/ISOLATED").asInt()).isEqualTo(1);
    assertThat(d.at("/households/byRiskFactor/CAREGIVER_AGED").asInt()).isZero();
    assertThat(d.at("/intakes/requestedThisYear").asInt()).isEqualTo(1);
    assertThat(d.at("/intakes/medianHoursToPlacement").isNull()).isTrue();
    assertThat(d.at("/asOf").asText()).endsWith("+09:00");
    assertThat(d.at("/lastEventAt").asText()).isNotBlank();
  }

  @Test
  @Order(2)
  void a_duplicate_published_later_is_not_counted_twice() {
    produce(EVENTS.intakePlaced("i1", "AOBA", "f1", NOW.minusSeconds(3600)));
    RecordMetadata copy = produce(request);
    produce(EVENTS.coSupportOpened("c1", "AOBA", NOW.minusSeconds(60)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(dashboard("AOBA").at("/coSupports/open").asInt()).isEqualTo(1));
    JsonNode d = dashboard("AOBA");
    assertThat(d.at("/intakes/requestedThisYear").asInt()).isEqualTo(1);
    assertThat(d.at("/intakes/open").asInt()).isZero();
    assertThat(d.at("/intakes/inPlacement").asInt()).isEqualTo(1);
    assertThat(d.at("/intakes/medianHoursToPlacement").asDouble()).isEqualTo(2.0);
    Document ledger =
        database
            .getCollection("applied_events")
            .find(new Document("_id", request.eventId()))
            .first();
    assertThat(ledger.get("offset", Number.class).longValue()).isLessThan(copy.offset());
    assertThat(get(managementPort, "/actuator/prometheus", null).body())
        .contains("coordination_events_duplicates_total{")
        .contains("coordination_events_applied_total{")
        .contains("coordination_consumer_lag{");
  }

  @Test
  @Order(3)
  void a_consumer_restart_and_lost_positions_neither_lose_nor_double_count() {
    JsonNode before = dashboard("AOBA");
    consumer.stop();
    produce(EVENTS.facilityDeclared("f1", "AOBA", 1, NOW.minusSeconds(30)));
    // Worst case: the positions are gone, so everything is re-delivered from the beginning.
    database.getCollection("consumer_positions").deleteMany(new Document());
    consumer.start();

    // Every partition must have been read again to its end (a position is stored only after the
    // read models absorbed the records before it): waiting for the new record alone would compare
    // the counts while the other partition's copies were still unread.
    Map<Integer, Long> ends = endOffsets();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                ends.forEach(
                    (partition, end) ->
                        assertThat(storedPosition(partition))
                            .as("position of partition %d", partition)
                            .isEqualTo(end)));
    assertThat(dashboard("AOBA").at("/facilities/emergencyBedsAvailable").asInt()).isEqualTo(1);
    JsonNode after = dashboard("AOBA");
    assertThat(after.at("/households")).isEqualTo(before.at("/households"));
    assertThat(after.at("/intakes")).isEqualTo(before.at("/intakes"));
    assertThat(after.at("/coSupports")).isEqualTo(before.at("/coSupports"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(database.getCollection("consumer_positions").countDocuments())
                    .isPositive());
  }

  @Test
  @Order(4)
  void while_kafka_is_down_the_service_serves_reads_and_catches_up_after() {
    BROKER.stop();
    try {
      assertThat(get("/api/wards/AOBA/dashboard", "coordinator").statusCode()).isEqualTo(200);
    } finally {
      BROKER.restart();
    }
    produce(EVENTS.coSupportClosed("c1", "AOBA", NOW.minusSeconds(10)));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              JsonNode d = dashboard("AOBA");
              assertThat(d.at("/coSupports/open").asInt()).isZero();
              assertThat(d.at("/coSupports/closedThisYear").asInt()).isEqualTo(1);
            });
    assertThat(dashboard("AOBA").at("/intakes/requestedThisYear").asInt()).isEqualTo(1);
  }

  @Test
  @Order(5)
  void coordinators_see_details_and_ward_councils_only_their_ward_dashboard() throws Exception {
    try (var keystore = com.mongodb.client.MongoClients.create(MONGO.connectionString())) {
      var keys = keystore.getDatabase("keys_it").getCollection("household_keys");
      keys.insertOne(EVENTS.keyDocument("h1"));
      HttpResponse<String> household = get("/api/households/h1", "coordinator");
      assertThat(household.statusCode()).isEqualTo(200);
      assertThat(json.readTree(household.body()).at("/personalData/name").asText())
          .isEqualTo("山田 太郎");
      assertThat(json.readTree(household.body()).at("/erased").asBoolean()).isFalse();
      // The view itself holds ciphertext only.
      assertThat(database.getCollection("households").find().first().toJson()).doesNotContain("山田");
      // The read was recorded where auditors list every read of personal data (閲覧記録).
      var reads = keystore.getDatabase("keys_it").getCollection("access_records");
      assertThat(reads.countDocuments()).isEqualTo(1);
      org.bson.Document read = reads.find().first();
      assertThat(read.getString("who")).isEqualTo("coordinator");
      assertThat(read.getString("whoName"))
          .as("a demo user's display name is its name")
          .isEqualTo("coordinator");
      assertThat(read.getString("role")).isEqualTo("COORDINATOR");
      assertThat(read.getString("recordType")).isEqualTo("Household");
      assertThat(read.getString("recordId")).isEqualTo("h1");
      assertThat(read.getString("endpoint")).isEqualTo("GET /api/households/{id}");
      assertThat(read.get("purpose")).isNull();
      assertThat(
              get("/api/households/h1?purpose=%E9%9B%BB%E8%A9%B1%E7%A2%BA%E8%AA%8D", "coordinator")
                  .statusCode())
          .isEqualTo(200);
      assertThat(reads.find(new org.bson.Document("purpose", "電話確認")).first()).isNotNull();
      assertThat(get("/api/households/h1?purpose=", "coordinator").statusCode()).isEqualTo(400);
      assertThat(reads.countDocuments()).isEqualTo(2);

      // Destroying the key (what erasure does first) makes the data unreadable at once.
      keys.updateOne(
          new org.bson.Document("_id", "h1"),
          new org.bson.Document(
              "$set",
              new org.bson.Document("wrappedKey", null)
                  .append("destroyedAt", new java.util.Date())));
      JsonNode erased = json.readTree(get("/api/households/h1", "coordinator").body());
      assertThat(erased.at("/personalData").isNull()).isTrue();
      assertThat(erased.at("/erased").asBoolean()).isTrue();
      assertThat(reads.countDocuments()).as("nothing shown, nothing to record").isEqualTo(2);
    }
    assertThat(get("/api/intakes/i1", "aoba-coordinator").statusCode()).isEqualTo(200);
    assertThat(get("/api/cosupports/c1", "coordinator").statusCode()).isEqualTo(200);
    assertThat(get("/api/intakes/nope", "coordinator").statusCode()).isEqualTo(404);

    assertThat(get("/api/households/h1", "aoba-council").statusCode()).isEqualTo(403);
    assertThat(get("/api/wards/AOBA/dashboard", "aoba-council").statusCode()).isEqualTo(200);
    HttpResponse<String> otherWard = get("/api/wards/IZUMI/dashboard", "aoba-council");
    assertThat(otherWard.statusCode()).isEqualTo(403);
    assertThat(otherWard.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json.readTree(get("/api/wards", "aoba-council").body())).hasSize(1);
    assertThat(json.readTree(get("/api/wards", "analyst").body())).hasSize(5);

    HttpResponse<String> unknownWard = get("/api/wards/NOWHERE/dashboard", "coordinator");
    assertThat(unknownWard.statusCode()).isEqualTo(404);
    assertThat(json.readTree(unknownWard.body()).at("/status").asInt()).isEqualTo(404);
    assertThat(unknownWard.body()).doesNotContain("Exception");
    JsonNode empty = json.readTree(get("/api/wards/IZUMI/dashboard", "city-council").body());
    assertThat(empty.at("/households/active").asInt()).isZero();
    assertThat(empty.at("/households/byRiskFactor").size()).isEqualTo(RiskFactor.values().length);

    HttpResponse<String> anonymous = get("/api/wards/AOBA/dashboard", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json.readTree(anonymous.body()).at("/title").asText()).isEqualTo("Unauthorized");
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(100)
  void metrics_are_served_on_the_management_port_only_and_health_on_both() {
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
    assertThat(get("/actuator/prometheus", "city-council").statusCode()).isEqualTo(404);
    assertThat(get(managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get("/actuator/health/readiness", null);
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"UP\"");
    assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(101)
  void
      readiness_asks_the_store_the_broker_and_the_consumer_and_shows_them_on_the_management_port_only() {
    // The first look at the broker may outlast a probe's patience on a busy machine: its answer
    // comes with a later one.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get(managementPort, "/actuator/health/readiness", null)
                    .body()
                    .contains("\"kafka\":{\"status\":\"UP\""));
    assertThat(get(managementPort, "/actuator/health/readiness", null).body())
        .contains(
            "\"mongo\":{\"status\":\"UP\"", "\"consumer\":{\"status\":\"UP\"", "\"readinessState\"")
        .contains("\"lagByPartition\"", "\"brokers\":1")
        .doesNotContain("livenessState");
    assertThat(get(managementPort, "/actuator/health/liveness", null).body())
        .doesNotContain("mongo", "kafka");
  }

  private static final String MATRIX =
      """
      endpoint                        | none | coordinator | aoba-coordinator:own | aoba-coordinator:other | facility | aoba-council:own | aoba-council:other | city-council | auditor | analyst | operator
      GET /api/wards                  | 401  | 200         | 200                  | 200                    | 200      | 200              | 200                | 200          | 200     | 200 | 200
      GET /api/wards/{W}/dashboard    | 401  | 200         | 200                  | 403                    | 403      | 200              | 403                | 200          | 200     | 403 | 403
      GET /api/households/{H}         | 401  | 200         | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/intakes/{I}            | 401  | 200         | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/cosupports/{C}         | 401  | 200         | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/experience-stays/{S}   | 401  | 200         | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/community-issues/{P}   | 401  | 200         | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/experience-stays?ward={W} | 401 | 200        | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/community-issues?ward={W} | 401 | 200        | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/community-issues       | 401  | 200         | 403                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/households/unknown     | 401  | 404         | 403                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/facilities/candidates?ward={W} | 401  | 200 | 200                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 403
      GET /api/statistics/2026        | 401  | 200         | 200                  | 200                    | 403      | 403              | 403                | 200          | 200     | 200 | 403
      POST /api/evaluations           | 401  | 403         | 403                  | 403                    | 403      | 403              | 403                | 202          | 202     | 202 | 403
      GET /api/operations/parked      | 401  | 403         | 403                  | 403                    | 403      | 403              | 403                | 403          | 200     | 403 | 200
      GET /api/operations/rebuilds/none | 401 | 403        | 403                  | 403                    | 403      | 403              | 403                | 403          | 403     | 403 | 404
      """;

  /**
   * Every query endpoint × every demo user × a record of the user's own ward (AOBA) or another
   * (IZUMI); region-wide users read AOBA. Each cell is the exact status expected: an error such as
   * a 500 or a 400 for a malformed request is never taken for "allowed".
   */
  @Test
  @Order(6)
  void access_follows_the_authorization_matrix() {
    produce(
        EVENTS.householdRegistered("h-izumi", "IZUMI", NOW.minusSeconds(600), RiskFactor.ISOLATED));
    produce(EVENTS.intakeRequested("i-izumi", "IZUMI", NOW.minusSeconds(600)));
    produce(EVENTS.coSupportOpened("c-izumi", "IZUMI", NOW.minusSeconds(600)));
    for (String ward : List.of("AOBA", "IZUMI")) {
      String suffix = ward.toLowerCase(java.util.Locale.ROOT);
      produce(
          EVENTS.wrap(
              new ExperienceStayArranged(
                  "s-" + suffix,
                  ward,
                  ExperienceStayKind.GROUP_HOME_TRIAL,
                  null,
                  null,
                  LocalDate.of(2026, 12, 1),
                  LocalDate.of(2026, 12, 3)),
              NOW.minusSeconds(600)));
      produce(
          EVENTS.wrap(
              new CommunityIssueRaised(
                  "p-" + suffix,
                  ward,
                  CommunityIssueCategory.HOUSING,
                  "GHの空きが足りない",
                  CommunityIssueSource.INTAKE_DECLINES),
              NOW.minusSeconds(600)));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(get("/api/experience-stays/s-izumi", "coordinator").statusCode())
                  .isEqualTo(200);
              assertThat(get("/api/community-issues/p-izumi", "coordinator").statusCode())
                  .isEqualTo(200);
              assertThat(get("/api/households/h-izumi", "coordinator").statusCode()).isEqualTo(200);
              assertThat(get("/api/intakes/i-izumi", "coordinator").statusCode()).isEqualTo(200);
              assertThat(get("/api/cosupports/c-izumi", "coordinator").statusCode()).isEqualTo(200);
            });
    List<String> lines = MATRIX.strip().lines().map(String::strip).toList();
    String[] callers = lines.get(0).split("\\s*\\|\\s*");
    List<String> wrong = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\s*\\|\\s*");
      for (int i = 1; i < cells.length; i++) {
        String user = callers[i].split(":")[0];
        boolean other = callers[i].endsWith(":other");
        String path =
            cells[0]
                .substring(cells[0].indexOf(' ') + 1)
                .replace("{W}", other ? "IZUMI" : "AOBA")
                .replace("{H}", other ? "h-izumi" : "h1")
                .replace("{I}", other ? "i-izumi" : "i1")
                .replace("{C}", other ? "c-izumi" : "c1")
                .replace("{S}", other ? "s-izumi" : "s-aoba")
                .replace("{P}", other ? "p-izumi" : "p-aoba");
        int status =
            cells[0].startsWith("POST")
                ? post(path, "{\"fiscalYear\":2026}", user.equals("none") ? null : user)
                    .statusCode()
                : get(path, user.equals("none") ? null : user).statusCode();
        if (status != Integer.parseInt(cells[i])) {
          wrong.add(cells[0] + " by " + callers[i] + ": expected " + cells[i] + ", got " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
    JsonNode open = readJson(get("/api/experience-stays?ward=AOBA", "aoba-coordinator").body());
    assertThat(open.at("/experienceStays/0/id").asText()).isEqualTo("s-aoba");
    assertThat(open.at("/experienceStays/0/status").asText()).isEqualTo("ARRANGED");
    assertThat(
            readJson(get("/api/community-issues?ward=IZUMI", "coordinator").body())
                .at("/communityIssues/0/title")
                .asText())
        .isEqualTo("GHの空きが足りない");
    assertThat(get("/api/experience-stays?ward=NOWHERE", "coordinator").statusCode())
        .isEqualTo(400);
    assertThat(get("/api/experience-stays", "coordinator").statusCode()).isEqualTo(400);
  }

  private JsonNode readJson(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Order(7)
  void injection_attempts_never_match_and_never_fail_with_500() {
    for (String path :
        List.of(
            "/api/households/%7B%22$ne%22:null%7D",
            "/api/households/h1?ward[$ne]=AOBA",
            "/api/wards/%7B%22$ne%22:null%7D/dashboard",
            "/api/intakes/%7B%22$gt%22:%22%22%7D",
            "/api/households/h1%00")) {
      int status = get(path, "coordinator").statusCode();
      assertThat(status).as(path).isIn(200, 400, 403, 404);
      if (status == 200) {
        assertThat(path).as("only the real id may match").startsWith("/api/households/h1?");
      }
    }
    assertThat(get("/api/households/%7B%22$ne%22:null%7D", "aoba-coordinator").statusCode())
        .isEqualTo(403);
    HttpResponse<String> huge =
        post(
            "/api/evaluations",
            "{\"fiscalYear\":2026,\"pad\":\"" + "x".repeat(70_000) + "\"}",
            "analyst");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.body()).doesNotContain("Exception");
    HttpResponse<String> headers = get("/api/wards", "coordinator");
    assertThat(headers.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(headers.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(headers.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .startsWith("default-src 'none'; script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline"));
    assertThat(headers.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  @Order(102)
  void the_openapi_description_has_every_documented_operation_with_its_statuses_and_nothing_else()
      throws Exception {
    // Without credentials: the description holds the contract, no data (docs/SECURITY.md).
    HttpResponse<String> response = get("/v3/api-docs", null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode description = json.readTree(response.body());

    assertThat(DocumentedOperations.undescribed(description, "query", true)).isEmpty();
    assertThat(DocumentedOperations.undocumented(description, "query")).isEmpty();
    assertThat(description.at("/info/title").asText()).isEqualTo("query-service");
    assertThat(description.at("/components/securitySchemes/signIn/scheme").asText())
        .isEqualTo("basic");
    assertThat(
            description
                .at("/paths/~1api~1wards~1{ward}~1dashboard/get/responses/503/content")
                .has("application/problem+json"))
        .isTrue();
    // Bodies read as JSON trees (to name the wrong field) are described by the shape they are read
    // as.
    assertThat(description.at("/components/schemas").fieldNames())
        .toIterable()
        .noneMatch(name -> name.contains("JsonNode"));
    assertThat(
            description
                .at("/paths/~1api~1wards~1{ward}~1dashboard~1stream/get/responses/200/content")
                .has("text/event-stream"))
        .isTrue();
    assertThat(
            description
                .at(
                    "/paths/~1api~1evaluations/post/requestBody/content/application~1json/schema/$ref")
                .asText())
        .endsWith("EvaluationController.StartRequest");
  }

  @Test
  @Order(103)
  void swagger_ui_comes_from_the_webjar_under_its_own_policy_and_the_api_keeps_its_own() {
    HttpResponse<String> ui = get("/swagger-ui/index.html", null);
    HttpResponse<String> api = get("/api/wards", "coordinator");

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("https://");
    assertThat(ui.headers().firstValue("Content-Security-Policy"))
        .hasValue(ServiceSecurity.SWAGGER_UI_CONTENT_SECURITY_POLICY);
    assertThat(api.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp).isNotEqualTo(ServiceSecurity.SWAGGER_UI_CONTENT_SECURITY_POLICY));
  }

  private HttpResponse<String> post(String path, String body, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      String token =
          Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private RecordMetadata produce(EventEnvelope envelope) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      return producer
          .send(new ProducerRecord<>(TOPIC, envelope.aggregateId(), codec.encode(envelope)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce " + envelope.type(), e);
    }
  }

  private Map<Integer, Long> endOffsets() {
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          latest = new java.util.HashMap<>();
      for (int p = 0; p < 2; p++) {
        latest.put(
            new org.apache.kafka.common.TopicPartition(TOPIC, p),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      Map<Integer, Long> ends = new java.util.TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return ends;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the end offsets", e);
    }
  }

  private Long storedPosition(int partition) {
    Document position =
        database
            .getCollection("consumer_positions")
            .find(new Document("_id", TOPIC + "-" + partition))
            .first();
    return position == null ? null : position.get("offset", Number.class).longValue();
  }

  private JsonNode dashboard(String ward) {
    HttpResponse<String> response =
        get("/api/wards/" + ward + "/dashboard?fiscalYear=" + FISCAL_YEAR, "coordinator");
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String path, String user) {
    return get(port, path, user);
  }

  private HttpResponse<String> get(int port, String path, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      String token =
          Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
