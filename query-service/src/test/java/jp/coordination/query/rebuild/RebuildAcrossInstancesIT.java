package jp.coordination.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.QueryServiceApplication;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.dashboard.DashboardFold;
import jp.coordination.query.dashboard.DashboardProjection;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.RandomHistories;
import jp.coordination.query.statistics.StatisticsProjection;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two query-service instances, each a whole application context of its own, share the consumer
 * group and the database while events keep arriving; one runs the rebuild. Both instances stand
 * still for the switch-over, both switch, and afterwards both serve read models equal to a fold of
 * the whole history, written from the positions the rebuild left, each event once.
 */
class RebuildAcrossInstancesIT {

  private static final String TOPIC = "coordination.events.rebuild-instances-it";
  private static final String GROUP = "rebuild-instances-it";
  private static final String DATABASE = "rebuild_instances_it";
  private static final int PARTITIONS = 4;
  private static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private static final Region REGION = Region.load(null);

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static MongoDatabase database;
  private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @BeforeAll
  static void startInfrastructure() throws Exception {
    broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("rebuild-instances-it-kafka"), 0);
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
    database = client.getDatabase(DATABASE);
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stopEverything() {
    instances.forEach(ConfigurableApplicationContext::close);
    client.close();
    broker.close();
    mongo.close();
  }

  @Test
  void every_instance_stands_still_switches_and_serves_the_rebuilt_read_models() throws Exception {
    Map<String, List<EventEnvelope>> streams =
        RandomHistories.generate(20261202L, 150, 220, 80, 30);
    List<EventEnvelope> history = interleave(streams, new Random(5));
    ConfigurableApplicationContext a = startInstance("a");
    ConfigurableApplicationContext b = startInstance("b");

    int before = history.size() / 2;
    Map<String, RecordMetadata> produced = new ConcurrentHashMap<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (EventEnvelope e : history.subList(0, before)) {
        send(producer, e, produced);
      }
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(positions(0)).isEqualTo(endOffsets(produced)));

    AtomicReference<Throwable> producing = new AtomicReference<>();
    Thread producerThread =
        new Thread(
            () -> {
              try (KafkaProducer<String, byte[]> producer = producer()) {
                for (EventEnvelope e : history.subList(before, history.size())) {
                  send(producer, e, produced);
                  Thread.sleep(4);
                }
              } catch (Throwable t) {
                producing.set(t);
              }
            },
            "rebuild-instances-it-producer");
    producerThread.start();

    RebuildJobs.Submitted submitted = a.getBean(RebuildJobs.class).submit(ReadModels.ALL);
    assertThat(submitted).isInstanceOf(RebuildJobs.Started.class);
    String id = ((RebuildJobs.Started) submitted).id();
    // One at a time, whichever instance is asked.
    assertThat(b.getBean(RebuildJobs.class).submit(ReadModels.ALL))
        .isEqualTo(new RebuildJobs.Busy(id));

    RebuildJobs atB = b.getBean(RebuildJobs.class);
    DashboardProjection dashboardsAtB = b.getBean(DashboardProjection.class);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              // B serves reads and answers the job all along.
              dashboardsAtB.dashboard("AOBA");
              RebuildJob job = atB.find(id).orElseThrow();
              return job.status().finished();
            });
    RebuildJob job = atB.find(id).orElseThrow();
    assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(RebuildJob.Status.DONE);

    producerThread.join(Duration.ofSeconds(60).toMillis());
    assertThat(producing.get()).isNull();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(positions(1)).isEqualTo(endOffsets(produced)));

    assertThat(a.getBean(Generations.class).active()).isOne();
    assertThat(b.getBean(Generations.class).active()).isOne();
    assertThat(collections())
        .doesNotContain("ward_dashboards", "households", "applied_events", "consumer_positions");

    DashboardFold fold = new DashboardFold(CALENDAR);
    ReplayFold replay = new ReplayFold(null);
    for (List<EventEnvelope> stream : streams.values()) {
      stream.forEach(fold::apply);
      stream.forEach(replay::accept);
    }
    for (ConfigurableApplicationContext instance : List.of(a, b)) {
      DashboardProjection dashboards = instance.getBean(DashboardProjection.class);
      for (String ward : REGION.wardCodes()) {
        assertThat(DashboardFold.withSortedDurations(dashboards.dashboard(ward)))
            .as("dashboard of %s", ward)
            .isEqualTo(DashboardFold.withSortedDurations(fold.state(ward)));
      }
      StatisticsProjection statistics = instance.getBean(StatisticsProjection.class);
      for (int year = 2023; year <= 2027; year++) {
        assertThat(statistics.statistics(year))
            .as("FY%d", year)
            .isEqualTo(replay.statistics(year, REGION, CALENDAR));
      }
    }
    assertThat(database.getCollection("applied_events_g1").countDocuments())
        .isEqualTo(history.size());
  }

  private static ConfigurableApplicationContext startInstance(String name) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(QueryServiceApplication.class)
            .run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.profiles.active=local",
                "--spring.main.banner-mode=off",
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/" + DATABASE,
                "--coordination.personal-data.keystore-uri="
                    + mongo.connectionString()
                    + "/keys_rebuild_instances_it",
                "--coordination.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--coordination.kafka.topic=" + TOPIC,
                "--coordination.kafka.group-id=" + GROUP,
                "--coordination.kafka.poll-timeout=200ms",
                "--coordination.kafka.retry-backoff=200ms",
                "--coordination.kafka.generation-watch=100ms",
                "--coordination.kafka.properties[session.timeout.ms]=6000",
                "--coordination.kafka.properties[heartbeat.interval.ms]=1000",
                "--coordination.kafka.properties[max.poll.records]=50",
                "--coordination.kafka.properties[client.id]=rebuild-instances-it-" + name,
                "--coordination.rebuild.catch-up=20",
                "--coordination.rebuild.drop-after=1s",
                "--coordination.rebuild.progress-interval=100ms");
    instances.add(context);
    return context;
  }

  private static Map<Integer, Long> positions(long generation) {
    Map<Integer, Long> positions = new HashMap<>();
    for (Document doc :
        database.getCollection(Generations.collection("consumer_positions", generation)).find()) {
      long offset = ((Number) doc.get("offset")).longValue();
      if (offset > 0) {
        positions.put(((Number) doc.get("partition")).intValue(), offset);
      }
    }
    return positions;
  }

  private static Map<Integer, Long> endOffsets(Map<String, RecordMetadata> produced) {
    Map<Integer, Long> end = new HashMap<>();
    produced.values().forEach(m -> end.merge(m.partition(), m.offset() + 1, Math::max));
    return end;
  }

  private static List<String> collections() {
    return database.listCollectionNames().into(new ArrayList<>());
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, EventEnvelope e, Map<String, RecordMetadata> produced)
      throws Exception {
    RecordMetadata m =
        producer
            .send(new ProducerRecord<>(TOPIC, e.aggregateId(), new EventCodec().encode(e)))
            .get();
    produced.put(e.eventId(), m);
  }

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
}
