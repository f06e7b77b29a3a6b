package jp.coordination.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.dashboard.DashboardFold;
import jp.coordination.query.dashboard.DashboardProjection;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.RandomHistories;
import jp.coordination.query.statistics.StatisticsProjection;
import jp.coordination.query.views.AggregateView;
import jp.coordination.query.views.Views;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Through the real (embedded) broker and the MongoDB stand-in, with the service's own consumer: an
 * operator rebuilds every read model while events keep arriving, and the read models that serve
 * afterwards are those a fold of the whole history gives, each event once, with the old
 * generation's collections gone.
 */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildIT {

  private static final String TOPIC = "coordination.events.rebuild-it";
  private static final String DATABASE = "rebuild_it";
  private static final int PARTITIONS = 3;
  private static final EmbeddedKafkaBroker BROKER;
  private static final EmbeddedMongo MONGO;

  static {
    try {
      BROKER = EmbeddedKafkaBroker.start(Files.createTempDirectory("rebuild-it-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MONGO = EmbeddedMongo.inMemory();
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create the topic", e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/" + DATABASE);
    registry.add("coordination.kafka.bootstrap-servers", BROKER::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> TOPIC);
    registry.add("coordination.kafka.group-id", () -> "rebuild-it");
    registry.add("coordination.kafka.poll-timeout", () -> "200ms");
    registry.add("coordination.kafka.retry-backoff", () -> "200ms");
    registry.add("coordination.kafka.generation-watch", () -> "100ms");
    // Small polls for the rebuild too: many batches, so that records keep arriving while it runs.
    registry.add("coordination.kafka.properties[max.poll.records]", () -> "50");
    registry.add("coordination.rebuild.catch-up", () -> "20");
    registry.add("coordination.rebuild.drop-after", () -> "500ms");
    registry.add("coordination.rebuild.progress-interval", () -> "50ms");
  }

  @AfterAll
  static void stopInfrastructure() {
    BROKER.close();
    MONGO.close();
  }

  @LocalServerPort int port;
  @Autowired ProjectionStore store;
  @Autowired DashboardProjection dashboards;
  @Autowired StatisticsProjection statistics;
  @Autowired BusinessCalendar calendar;
  @Autowired Region region;
  @Autowired MeterRegistry meters;

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void rebuilding_while_events_keep_coming_serves_every_event_once_from_new_collections()
      throws Exception {
    Map<String, List<EventEnvelope>> streams =
        RandomHistories.generate(20261201L, 120, 180, 60, 30);
    List<EventEnvelope> history = interleave(streams, new Random(11));
    int before = history.size() * 6 / 10;
    Map<String, RecordMetadata> produced = new ConcurrentHashMap<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (EventEnvelope e : history.subList(0, before)) {
        send(producer, e, produced);
      }
      producer.flush();
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(positions(0)).isEqualTo(endOffsets(produced)));
    Set<String> liveBefore = Set.copyOf(collections());

    // The rest arrives while the rebuild runs, with a copy of an early event published again.
    List<EventEnvelope> meanwhile = new ArrayList<>(history.subList(before, history.size()));
    meanwhile.add(meanwhile.size() / 2, history.get(3));
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<Throwable> producing = new AtomicReference<>();
    Thread producerThread =
        new Thread(
            () -> {
              try (KafkaProducer<String, byte[]> producer = producer()) {
                for (EventEnvelope e : meanwhile) {
                  send(producer, e, produced);
                  sent.incrementAndGet();
                  Thread.sleep(5);
                }
                producer.flush();
              } catch (Throwable t) {
                producing.set(t);
              }
            },
            "rebuild-it-producer");
    producerThread.start();

    HttpResponse<String> started = post("/api/operations/rebuilds", "{}", "operator");
    assertThat(started.statusCode()).isEqualTo(202);
    String id = json.readTree(started.body()).get("id").asText();
    HttpResponse<String> second = post("/api/operations/rebuilds", "{}", "operator");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

    // Reads are served all along; the job reports its progress.
    int reads = 0;
    JsonNode job = json.readTree(get("/api/operations/rebuilds/" + id, "operator").body());
    assertThat(job.get("readModels")).hasSize(ReadModels.ALL.size());
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!job.get("status").asText().equals("DONE")
        && !job.get("status").asText().equals("FAILED")) {
      assertThat(System.nanoTime()).as("rebuild finished in time").isLessThan(deadline);
      assertThat(job.get("status").asText()).isIn("RUNNING", "SWITCHING");
      assertThat(
              job.has("eventsRead")
                  && job.has("eventsTotal")
                  && job.has("ratePerSecond")
                  && job.has("secondsLeft")
                  && job.has("startedAt"))
          .isTrue();
      HttpResponse<String> read = get("/api/wards/AOBA/dashboard", "coordinator");
      assertThat(read.statusCode()).as("dashboard during the rebuild").isEqualTo(200);
      reads++;
      Thread.sleep(20);
      job = json.readTree(get("/api/operations/rebuilds/" + id, "operator").body());
    }
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("DONE");
    assertThat(reads).isPositive();
    assertThat(job.get("eventsRead").asLong()).isGreaterThanOrEqualTo(before);
    assertThat(job.get("eventsTotal").asLong())
        .isGreaterThanOrEqualTo(job.get("eventsRead").asLong());
    assertThat(job.get("finishedAt").asText()).isNotBlank();
    assertThat(meters.get("coordination.rebuild.events.read").gauge().value())
        .isEqualTo((double) job.get("eventsRead").asLong());
    assertThat(meters.get("coordination.rebuild.events.expected").gauge().value())
        .isEqualTo((double) job.get("eventsTotal").asLong());
    // The cache of documents read for update is watched in the generation now served.
    assertThat(
            meters
                .find("cache.size")
                .tag("cache", "projection.update")
                .tag("generation", "1")
                .gauge())
        .isNotNull();

    producerThread.join(Duration.ofSeconds(60).toMillis());
    assertThat(producing.get()).isNull();
    assertThat(sent.get()).isEqualTo(meanwhile.size());
    // The live consumer goes on in the new generation from the positions the rebuild left.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(positions(1)).isEqualTo(endOffsets(produced)));

    // Served from generation 1 now; generation 0 is gone, other collections stay.
    assertThat(new Generations(database()).refresh().generation()).isOne();
    for (String name : liveBefore) {
      if (!name.equals(Generations.COLLECTION)
          && !name.startsWith("projection_rebuilds")
          && !name.startsWith("evaluations")) {
        assertThat(collections()).as("old collection %s", name).doesNotContain(name);
      }
    }
    assertThat(collections()).contains("ward_dashboards_g1", "households_g1", "applied_events_g1");

    // Every view is its aggregate's fold; dashboards and statistics equal the folds of the
    // history; the ledger has each event once.
    DashboardFold fold = new DashboardFold(calendar);
    ReplayFold replay = new ReplayFold(null);
    for (List<EventEnvelope> stream : streams.values()) {
      AggregateView view = null;
      for (EventEnvelope e : stream) {
        view = Views.evolve(view, e);
        fold.apply(e);
        replay.accept(e);
      }
      EventEnvelope last = stream.get(stream.size() - 1);
      assertThat(store.read(Views.kindOf(last.payload()), last.aggregateId()).map(Versioned::state))
          .as("view of %s", last.aggregateId())
          .contains(view);
    }
    for (String ward : region.wardCodes()) {
      assertThat(DashboardFold.withSortedDurations(dashboards.dashboard(ward)))
          .as("dashboard of %s", ward)
          .isEqualTo(DashboardFold.withSortedDurations(fold.state(ward)));
    }
    for (int year = 2023; year <= 2027; year++) {
      assertThat(statistics.statistics(year))
          .as("FY%d", year)
          .isEqualTo(replay.statistics(year, region, calendar));
    }
    assertThat(database().getCollection("applied_events_g1").countDocuments())
        .isEqualTo(history.size());
    assertThat(database().getCollection("parked_events_g1").countDocuments()).isZero();
  }

  @Test
  void only_operators_rebuild_and_a_request_naming_an_unknown_read_model_is_refused()
      throws Exception {
    assertThat(post("/api/operations/rebuilds", "{}", "coordinator").statusCode()).isEqualTo(403);
    assertThat(post("/api/operations/rebuilds", "{}", "auditor").statusCode()).isEqualTo(403);
    assertThat(get("/api/operations/rebuilds/x", "coordinator").statusCode()).isEqualTo(403);

    HttpResponse<String> unknown =
        post(
            "/api/operations/rebuilds",
            "{\"readModels\":[\"dashboards\",\"horoscopes\"]}",
            "operator");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknown.body()).at("/errors/0/field").asText())
        .isEqualTo("readModels");
    HttpResponse<String> notAList =
        post("/api/operations/rebuilds", "{\"readModels\":\"dashboards\"}", "operator");
    assertThat(notAList.statusCode()).isEqualTo(400);
    assertThat(json.readTree(notAList.body()).at("/errors/0/field").asText())
        .isEqualTo("readModels");
    HttpResponse<String> none = post("/api/operations/rebuilds", "{\"readModels\":[]}", "operator");
    assertThat(none.statusCode()).isEqualTo(400);

    assertThat(get("/api/operations/rebuilds/no-such-rebuild", "operator").statusCode())
        .isEqualTo(404);
  }

  // ---- helpers

  private MongoDatabase database() {
    return DatabaseHolder.CLIENT.getDatabase(DATABASE);
  }

  private static final class DatabaseHolder {
    static final MongoClient CLIENT = MongoClients.create(MONGO.connectionString());
  }

  private List<String> collections() {
    return database().listCollectionNames().into(new ArrayList<>());
  }

  private Map<Integer, Long> positions(long generation) {
    Map<Integer, Long> positions = new HashMap<>();
    for (Document doc :
        database().getCollection(Generations.collection("consumer_positions", generation)).find()) {
      positions.put(
          ((Number) doc.get("partition")).intValue(), ((Number) doc.get("offset")).longValue());
    }
    // A partition nothing was produced to needs no position.
    positions.values().removeIf(offset -> offset == 0);
    return positions;
  }

  private static Map<Integer, Long> endOffsets(Map<String, RecordMetadata> produced) {
    Map<Integer, Long> end = new HashMap<>();
    produced.values().forEach(m -> end.merge(m.partition(), m.offset() + 1, Math::max));
    return end;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            BROKER.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Keeps the last offset of each record sent (a copy's is later than its first's). */
  private void send(
      KafkaProducer<String, byte[]> producer, EventEnvelope e, Map<String, RecordMetadata> produced)
      throws Exception {
    RecordMetadata m =
        producer.send(new ProducerRecord<>(TOPIC, e.aggregateId(), codec.encode(e))).get();
    produced.merge(e.eventId(), m, (a, b) -> b.offset() > a.offset() ? b : a);
  }

  /** Each aggregate's events in order, aggregates interleaved at random (as commands arrive). */
  private static List<EventEnvelope> interleave(
      Map<String, List<EventEnvelope>> streams, Random random) {
    List<List<EventEnvelope>> pending = new ArrayList<>();
    streams.values().forEach(s -> pending.add(new ArrayList<>(s)));
    List<EventEnvelope> history = new ArrayList<>();
    while (!pending.isEmpty()) {
      int i = random.nextInt(pending.size());
      List<EventEnvelope> stream = pending.get(i);
      history.add(stream.remove(0));
      if (stream.isEmpty()) {
        pending.set(i, pending.get(pending.size() - 1));
        pending.remove(pending.size() - 1);
      }
    }
    return history;
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

  private HttpResponse<String> post(String path, String body, String user) throws Exception {
    return http.send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
