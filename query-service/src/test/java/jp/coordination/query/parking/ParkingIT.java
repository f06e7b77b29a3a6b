package jp.coordination.query.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.TestEvents;
import jp.coordination.query.views.AggregateChangeProjection;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Poison records written straight to the topic of the real (embedded) broker: the read side parks
 * them with the later events of their aggregates and goes on with every other aggregate; operators
 * retry and skip them over HTTP.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParkingIT {

  private static final String TOPIC = "coordination.events.parking-it";

  /** The business time of the issue: accepted by the command side, beyond the calendar's years. */
  private static final Instant EXTREME =
      OffsetDateTime.parse("-999999999-01-01T00:00:00+18:00").toInstant();

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final TestEvents EVENTS = new TestEvents();

  /** Aggregates whose test read model throws, until the test mends it. */
  private static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();

  private static final EmbeddedKafkaBroker BROKER;
  private static final EmbeddedMongo MONGO;

  static {
    try {
      BROKER = EmbeddedKafkaBroker.start(Files.createTempDirectory("parking-it-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MONGO = EmbeddedMongo.inMemory();
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
      // One partition: the poisoned aggregates share it with the healthy ones.
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create the topic", e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/parking_it");
    registry.add("coordination.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> TOPIC);
    registry.add("coordination.kafka.group-id", () -> "parking-it-" + UUID.randomUUID());
    registry.add("coordination.kafka.retry-backoff", () -> "200ms");
    registry.add("coordination.parking.gap-wait", () -> "3s");
    registry.add(
        "coordination.personal-data.keystore-uri",
        () -> MONGO.connectionString() + "/keys_parking_it");
  }

  @AfterAll
  static void stopInfrastructure() {
    BROKER.close();
    MONGO.close();
  }

  /**
   * A read model that throws for the aggregates in {@link #BROKEN}, as a bug in a projection would.
   */
  @TestConfiguration
  static class BreakableProjection {
    @Bean
    AggregateChangeProjection breakable() {
      return (change, delivery) -> {
        if (BROKEN.contains(change.envelope().aggregateId())) {
          throw new IllegalStateException("projection bug for the test");
        }
        return false;
      };
    }
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired MongoDatabase database;

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private static long produced;

  @Test
  @Order(1)
  void poison_records_are_parked_in_order_while_other_aggregates_keep_moving() throws IOException {
    BROKEN.add("i-flaky");
    produceRaw("x-bad", "{\"eventId\": \"e-bad\", \"type\": ");
    produceRaw(
        "x-new",
        "{\"eventId\":\"e-new\",\"type\":\"FromTheFuture\",\"revision\":1,\"aggregateId\":\"x-new\",\"sequence\":0,\"payload\":{}}");
    produce(EVENTS.facilityRegistered("f-extreme", "AOBA", 2, EXTREME, NOW));
    produce(EVENTS.facilityDeclared("f-extreme", "AOBA", 1, NOW.minusSeconds(60)));
    produce(EVENTS.intakeRequested("i-flaky", "AOBA", NOW.minusSeconds(3600)));
    produce(EVENTS.intakePlaced("i-flaky", "AOBA", "f-other", NOW.minusSeconds(1800)));
    produce(EVENTS.intakeRequested("i-ok", "AOBA", NOW.minusSeconds(600)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(dashboard().at("/intakes/requestedThisYear").asInt()).isEqualTo(1));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(parked(false).at("/events").size()).isEqualTo(6));

    JsonNode listing = parked(false);
    assertThat(reasons(listing, "x-bad")).containsExactly("UNDECODABLE");
    assertThat(reasons(listing, "x-new")).containsExactly("UNDECODABLE");
    assertThat(reasons(listing, "f-extreme")).containsExactly("EXCEPTION", "BEHIND_PARKED");
    assertThat(reasons(listing, "i-flaky")).containsExactly("EXCEPTION", "BEHIND_PARKED");
    JsonNode extreme = entries(listing, "f-extreme").get(0);
    assertThat(extreme.at("/detail").asText()).startsWith("java.time.DateTimeException");
    assertThat(extreme.at("/type").asText()).isEqualTo("FacilityRegistered");
    assertThat(extreme.at("/sequence").asLong()).isZero();
    assertThat(extreme.at("/attempts").asInt()).isEqualTo(3);
    assertThat(extreme.has("firstFailureAt")).isTrue();
    assertThat(entries(listing, "x-new").get(0).at("/type").asText()).isEqualTo("FromTheFuture");
    // Positions, types and reasons only: neither the record nor anything of its payload.
    assertThat(listing.toString()).doesNotContain("raw").doesNotContain("ショートステイ");
    assertThat(listing.at("/parked").asInt()).isEqualTo(6);
    assertThat(meters.get("coordination.events.parked").gauge().value()).isEqualTo(6.0);
    // The partition moved on past the parked records.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(position()).isEqualTo(produced));
  }

  @Test
  @Order(2)
  void a_retry_applies_the_event_once_its_cause_is_removed_and_then_the_ones_behind_it()
      throws IOException {
    String id = entries(parked(false), "i-flaky").get(0).at("/id").asText();

    HttpResponse<String> stillBroken =
        post("/api/operations/parked/" + id + "/retry", "", "operator");
    assertThat(stillBroken.statusCode()).isEqualTo(200);
    assertThat(json.readTree(stillBroken.body()).at("/outcome").asText()).isEqualTo("STILL_PARKED");

    BROKEN.remove("i-flaky");
    HttpResponse<String> retried = post("/api/operations/parked/" + id + "/retry", "", "operator");

    assertThat(retried.statusCode()).isEqualTo(200);
    JsonNode outcome = json.readTree(retried.body());
    assertThat(outcome.at("/outcome").asText()).isEqualTo("APPLIED");
    assertThat(outcome.at("/released").asInt()).isEqualTo(1);
    JsonNode d = dashboard();
    assertThat(d.at("/intakes/requestedThisYear").asInt()).isEqualTo(2);
    assertThat(d.at("/intakes/placedThisYear").asInt()).isEqualTo(1);
    assertThat(entries(parked(false), "i-flaky")).isEmpty();
    HttpResponse<String> again = post("/api/operations/parked/" + id + "/retry", "", "operator");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(dashboard().at("/intakes/requestedThisYear").asInt()).isEqualTo(2);
  }

  @Test
  @Order(3)
  void a_skip_needs_a_reason_is_kept_as_a_record_and_releases_the_next_events() throws IOException {
    String id = entries(parked(false), "f-extreme").get(0).at("/id").asText();

    HttpResponse<String> noReason =
        post("/api/operations/parked/" + id + "/skip", "{}", "operator");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(json.readTree(noReason.body()).at("/errors/0/field").asText()).isEqualTo("reason");

    HttpResponse<String> skipped =
        post(
            "/api/operations/parked/" + id + "/skip",
            "{\"reason\":\"business time out of range, ticket 42\"}",
            "operator");

    assertThat(skipped.statusCode()).isEqualTo(200);
    assertThat(json.readTree(skipped.body()).at("/outcome").asText()).isEqualTo("SKIPPED");
    assertThat(json.readTree(skipped.body()).at("/released").asInt()).isEqualTo(1);
    // The declaration behind it (sequence 1) is applied after the skipped registration (0).
    assertThat(dashboard().at("/facilities/emergencyBedsAvailable").asInt()).isEqualTo(1);
    JsonNode record = entries(parked(true), "f-extreme").get(0);
    assertThat(record.at("/state").asText()).isEqualTo("SKIPPED");
    assertThat(record.at("/skippedBy").asText()).isEqualTo("operator");
    assertThat(record.at("/skipReason").asText())
        .isEqualTo("business time out of range, ticket 42");
    assertThat(record.at("/resolvedAt").asText()).isNotBlank();
  }

  @Test
  @Order(4)
  void a_later_event_that_arrives_first_waits_for_the_missing_one_or_is_parked_as_gap()
      throws IOException {
    EventEnvelope requested = EVENTS.intakeRequested("i-gap", "AOBA", NOW.minusSeconds(500));
    EventEnvelope placed = EVENTS.intakePlaced("i-gap", "AOBA", "f-other", NOW.minusSeconds(400));
    EventEnvelope completed = EVENTS.intakeCompleted("i-gap", "AOBA", NOW.minusSeconds(300));
    produce(requested);
    produce(completed);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(reasons(parked(false), "i-gap")).containsExactly("GAP"));
    produce(placed);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(intake("i-gap").at("/status").asText()).isEqualTo("COMPLETED"));
    assertThat(entries(parked(false), "i-gap")).isEmpty();

    EVENTS.intakeRequested("i-lost", "AOBA", NOW.minusSeconds(500)); // sequence 0, never produced
    produce(EVENTS.intakePlaced("i-lost", "AOBA", "f-other", NOW.minusSeconds(400)));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode lost = entries(parked(false), "i-lost").get(0);
              assertThat(lost.at("/state").asText()).isEqualTo("PARKED");
              assertThat(lost.at("/reason").asText()).isEqualTo("GAP");
            });
  }

  @Test
  @Order(5)
  void parked_events_are_for_operators_and_auditors_only() throws IOException {
    assertThat(get("/api/operations/parked", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/operations/parked", "auditor").statusCode()).isEqualTo(200);
    for (String user :
        List.of("coordinator", "analyst", "city-council", "aoba-council", "facility")) {
      assertThat(get("/api/operations/parked", user).statusCode()).as(user).isEqualTo(403);
      assertThat(post("/api/operations/parked/x/retry", "", user).statusCode())
          .as(user)
          .isEqualTo(403);
    }
    assertThat(get("/api/wards/AOBA/dashboard", "operator").statusCode()).isEqualTo(403);
    assertThat(get("/api/statistics/2026", "operator").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = post("/api/operations/parked/nothing-0-0/retry", "", "operator");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(
            post("/api/operations/parked/nothing-0-0/skip", "{\"reason\":\"x\"}", "operator")
                .statusCode())
        .isEqualTo(404);
  }

  private static List<String> reasons(JsonNode listing, String aggregateId) {
    return entries(listing, aggregateId).stream().map(e -> e.at("/reason").asText()).toList();
  }

  private static List<JsonNode> entries(JsonNode listing, String aggregateId) {
    return StreamSupport.stream(listing.at("/events").spliterator(), false)
        .filter(e -> aggregateId.equals(e.at("/aggregateId").asText()))
        .toList();
  }

  private long position() {
    Document doc =
        database
            .getCollection("consumer_positions")
            .find(new Document("_id", TOPIC + "-0"))
            .first();
    return doc == null ? -1 : ((Number) doc.get("offset")).longValue();
  }

  private JsonNode parked(boolean all) throws IOException {
    HttpResponse<String> response =
        get("/api/operations/parked" + (all ? "?all=true" : ""), "operator");
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode dashboard() throws IOException {
    HttpResponse<String> response = get("/api/wards/AOBA/dashboard", "coordinator");
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode intake(String id) throws IOException {
    HttpResponse<String> response = get("/api/intakes/" + id, "coordinator");
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private void produce(EventEnvelope envelope) {
    send(envelope.aggregateId(), codec.encode(envelope));
  }

  private void produceRaw(String key, String value) {
    send(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private void send(String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
      produced++;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce", e);
    }
  }

  private HttpResponse<String> get(String path, String user) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), user);
  }

  private HttpResponse<String> post(String path, String body, String user) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        user);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String user) {
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
