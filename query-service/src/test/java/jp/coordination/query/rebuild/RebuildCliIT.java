package jp.coordination.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.QueryServiceApplication;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.dashboard.DashboardFold;
import jp.coordination.query.dashboard.DashboardProjection;
import jp.coordination.query.statistics.RandomHistories;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line against a running query-service: it rebuilds with the service's settings and no
 * consumer of its own, prints its progress with the total to standard error, and the running
 * service follows the switch-over by itself.
 */
class RebuildCliIT {

  private static final String TOPIC = "coordination.events.rebuild-cli-it";
  private static final String DATABASE = "rebuild_cli_it";

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static ConfigurableApplicationContext service;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("rebuild-cli-it-kafka"), 0);
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    client.close();
    broker.close();
    mongo.close();
  }

  private static List<String> settings() {
    return List.of(
        "spring.profiles.active=local",
        "spring.data.mongodb.uri=" + mongo.connectionString() + "/" + DATABASE,
        "coordination.personal-data.keystore-uri="
            + mongo.connectionString()
            + "/keys_rebuild_cli_it",
        "coordination.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "coordination.kafka.topic=" + TOPIC,
        "coordination.kafka.group-id=rebuild-cli-it",
        "coordination.kafka.poll-timeout=200ms",
        "coordination.kafka.generation-watch=100ms",
        "coordination.rebuild.drop-after=1s");
  }

  @Test
  void the_command_line_rebuilds_prints_progress_with_the_total_and_the_service_switches()
      throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off"));
    settings().forEach(s -> arguments.add("--" + s));
    service =
        new SpringApplicationBuilder(QueryServiceApplication.class)
            .run(arguments.toArray(String[]::new));

    List<EventEnvelope> events = new ArrayList<>();
    RandomHistories.generate(20261203L, 40, 60, 20).values().forEach(events::addAll);
    EventCodec codec = new EventCodec();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (EventEnvelope e : events) {
        producer.send(new ProducerRecord<>(TOPIC, e.aggregateId(), codec.encode(e)));
      }
    }
    DashboardProjection dashboards = service.getBean(DashboardProjection.class);
    MongoDatabase database = client.getDatabase(DATABASE);
    // Applied: positions are stored after a poll's documents are written.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                database.getCollection("consumer_positions").find().into(new ArrayList<>()).stream()
                        .mapToLong(p -> ((Number) p.get("offset")).longValue())
                        .sum()
                    == events.size());
    var before = DashboardFold.withSortedDurations(dashboards.dashboard("AOBA"));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> cli = new ArrayList<>(List.of("--progress-every", "1"));
    settings().forEach(s -> cli.addAll(List.of("--set", s)));
    int exit =
        new picocli.CommandLine(new RebuildCli(new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(cli.toArray(String[]::new));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains(
            "DONE "
                + String.format(
                    java.util.Locale.ROOT, "%,d of %,d events", events.size(), events.size()));
    assertThat(printed).contains("generation 1 serves");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> service.getBean(Generations.class).active() == 1);
    assertThat(DashboardFold.withSortedDurations(dashboards.dashboard("AOBA"))).isEqualTo(before);
    assertThat(database.listCollectionNames().into(new ArrayList<>()))
        .doesNotContain("applied_events");
  }
}
