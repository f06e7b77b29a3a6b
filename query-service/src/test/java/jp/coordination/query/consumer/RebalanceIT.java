package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.QueryServiceApplication;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.dashboard.DashboardFold;
import jp.coordination.query.dashboard.DashboardProjection;
import jp.coordination.query.dashboard.WardDashboard;
import jp.coordination.query.dashboard.YearFigures;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.RandomHistories;
import jp.coordination.query.statistics.StatisticsProjection;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several query-service instances in one consumer group, each a whole application context of its
 * own (its own MongoDB client, caches, parking state and poll loop, as a separate process would
 * have), share a six-partition topic of the real broker and one database of the stand-in, while a
 * producer writes a known history and instances join, leave and die:
 *
 * <ol>
 *   <li>A and B consume from the start; C joins at 10% of the history;
 *   <li>B is frozen at 20%, once it applied 50 events: the relay to its database stalls a few
 *       requests later, in the middle of whatever it was doing (a poll's batch, typically with its
 *       ledger entries written and its documents not). Its poll thread hangs, its Kafka consumer is
 *       never closed nor stopped; the group drops it when its poll interval runs out, and the
 *       others take its partitions from the positions stored in MongoDB;
 *   <li>A stops gracefully at 35% (the service's normal shutdown), and C has every partition;
 *   <li>D joins at 45% and takes half of them, and stops gracefully at 70%, once it applied 200
 *       events: C gets back partitions that D wrote to meanwhile, while C's caches still hold what
 *       it last read of them;
 *   <li>B is thawed at 85%, as a process after a long pause: its hung poll goes on, writing what is
 *       left of a batch whose records the others have applied since and storing its stale
 *       positions, and it rejoins the group.
 * </ol>
 *
 * Once the stored positions reach the end of every partition, the database must hold exactly what a
 * fold of the same history with the same pure functions gives: every view at its aggregate's last
 * sequence, every ward dashboard and every fiscal year's statistics equal, each event once in the
 * ledger at the position it was produced at, nothing parked or held.
 */
class RebalanceIT {

  private static final Logger log = LoggerFactory.getLogger(RebalanceIT.class);
  private static final String TOPIC = "coordination.events.rebalance-it";
  private static final String GROUP = "rebalance-it";
  private static final String DATABASE = "rebalance_it";
  private static final int PARTITIONS = 6;
  private static final Duration PRODUCTION_TIME = Duration.ofSeconds(30);
  private static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private static final Region REGION = Region.load(null);

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static MongoDatabase database;
  private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private static StallingProxy frozenRelay;
  private static ConfigurableApplicationContext frozen;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("rebalance-it-kafka"), 0);
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
  static void stopEverything() throws InterruptedException {
    if (frozen != null) {
      // Stop first (the poll loop must not start over), then let its hung requests through.
      Thread stopping = new Thread(frozen::close, "stop-frozen-instance");
      stopping.start();
      frozenRelay.resume();
      stopping.join(Duration.ofSeconds(40).toMillis());
    }
    for (ConfigurableApplicationContext instance : instances) {
      if (instance != frozen) {
        instance.close();
      }
    }
    if (frozenRelay != null) {
      frozenRelay.close();
    }
    client.close();
    broker.close();
    mongo.close();
  }

  @Test
  void instances_joining_leaving_and_dying_under_load_lose_and_double_count_nothing()
      throws Exception {
    long started = System.nanoTime();
    Map<String, List<EventEnvelope>> streams = RandomHistories.generate(20261130L, 300, 450, 150);
    List<EventEnvelope> history = interleave(streams, new Random(7));
    log.info("History: {} aggregates, {} events", streams.size(), history.size());

    ConfigurableApplicationContext a = startInstance("A", mongo.port());
    frozenRelay = new StallingProxy("127.0.0.1", mongo.port());
    ConfigurableApplicationContext b = startInstance("B", frozenRelay.port());
    frozen = b;

    Map<String, RecordMetadata> produced = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> produce(history, produced, sent, producerFailure), "rebalance-it-producer");
    producer.start();

    awaitSent(sent, history.size() * 10 / 100);
    ConfigurableApplicationContext c = startInstance("C", mongo.port());

    awaitSent(sent, history.size() * 20 / 100);
    awaitApplied(b, 50);
    int chunks = new Random().nextInt(8);
    log.info("Freezing B: its database relay stalls after {} more requests", chunks);
    frozenRelay.stallAfter(chunks);

    awaitSent(sent, history.size() * 35 / 100);
    log.info("Stopping A gracefully");
    a.close();

    awaitSent(sent, history.size() * 45 / 100);
    ConfigurableApplicationContext d = startInstance("D", mongo.port());

    // C's partitions 3-5 went to D; they come back to C, whose caches knew them before D wrote.
    awaitSent(sent, history.size() * 70 / 100);
    awaitApplied(d, 200);
    log.info("Stopping D gracefully");
    d.close();

    // B wakes up, as a process after a long pause would: its hung poll goes on with a batch of
    // partitions that others have applied since, then it finds itself out of the group and rejoins.
    awaitSent(sent, history.size() * 85 / 100);
    log.info("Thawing B");
    frozenRelay.resume();

    producer.join(Duration.ofSeconds(60).toMillis());
    assertThat(producerFailure.get()).isNull();
    assertThat(produced).hasSize(history.size());
    Map<Integer, Long> endOffsets = new HashMap<>();
    produced.values().forEach(m -> endOffsets.merge(m.partition(), m.offset() + 1, Math::max));
    log.info("Produced {} events in {} s", history.size(), seconds(started));

    // Consumed: the positions the instances store after each applied poll are at the end.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(storedPositions()).isEqualTo(endOffsets));
    log.info("Consumed up to the end offsets after {} s", seconds(started));

    // Every view at its aggregate's last sequence.
    for (List<EventEnvelope> stream : streams.values()) {
      EventEnvelope last = stream.get(stream.size() - 1);
      Document view =
          database
              .getCollection(Views.kindOf(last.payload()).collection())
              .find(Filters.eq("_id", last.aggregateId()))
              .first();
      assertThat(view).as(last.aggregateId()).isNotNull();
      assertThat(((Number) view.get("sequence")).longValue())
          .as("sequence of %s", last.aggregateId())
          .isEqualTo(last.sequence());
    }

    // Ward dashboards and statistics equal to the fold of the same history.
    DashboardFold fold = new DashboardFold(CALENDAR);
    ReplayFold replay = new ReplayFold(null);
    for (List<EventEnvelope> stream : streams.values()) {
      stream.forEach(fold::apply);
      stream.forEach(replay::accept);
    }
    DashboardProjection dashboards = c.getBean(DashboardProjection.class);
    for (String ward : REGION.wardCodes()) {
      assertThat(sortedDurations(dashboards.dashboard(ward)))
          .as("dashboard of %s", ward)
          .isEqualTo(sortedDurations(fold.state(ward)));
    }
    StatisticsProjection statistics = c.getBean(StatisticsProjection.class);
    for (int year = 2023; year <= 2027; year++) {
      assertThat(statistics.statistics(year))
          .as("FY%d", year)
          .isEqualTo(replay.statistics(year, REGION, CALENDAR));
    }

    // The ledger holds each event once, at the position it was produced at.
    assertThat(database.getCollection(MongoProjectionStore.LEDGER).countDocuments())
        .isEqualTo(history.size());
    for (Document entry : database.getCollection(MongoProjectionStore.LEDGER).find()) {
      RecordMetadata at = produced.get(entry.getString("_id"));
      assertThat(at).as("ledger entry %s", entry.get("_id")).isNotNull();
      assertThat(((Number) entry.get("partition")).intValue()).isEqualTo(at.partition());
      assertThat(((Number) entry.get("offset")).longValue()).isEqualTo(at.offset());
    }

    // Nothing parked, nothing held, no copy counted as a duplicate.
    assertThat(database.getCollection(MongoParkingStore.EVENTS).countDocuments()).isZero();
    assertThat(database.getCollection(MongoParkingStore.AGGREGATES).countDocuments()).isZero();
    for (ConfigurableApplicationContext live : instances) {
      if (live.isActive()) {
        MeterRegistry meters = live.getBean(MeterRegistry.class);
        assertThat(meters.get("coordination.events.held").gauge().value()).isZero();
        assertThat(meters.get("coordination.events.parked").gauge().value()).isZero();
        assertThat(meters.find("coordination.events.duplicates").counters())
            .allSatisfy(counter -> assertThat(counter.count()).isZero());
      }
    }
    log.info("Checked after {} s", seconds(started));
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

  /** Key = aggregate id, one event per record, at an even pace over {@link #PRODUCTION_TIME}. */
  private static void produce(
      List<EventEnvelope> history,
      Map<String, RecordMetadata> produced,
      AtomicInteger sent,
      AtomicReference<Throwable> failure) {
    EventCodec codec = new EventCodec();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    long pauseNanos = PRODUCTION_TIME.toNanos() / history.size();
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> pending = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        EventEnvelope event = history.get(i);
        Future<RecordMetadata> future =
            producer.send(
                new ProducerRecord<>(TOPIC, event.aggregateId(), codec.encode(event)),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  } else {
                    produced.put(event.eventId(), metadata);
                  }
                });
        pending.add(future);
        sent.incrementAndGet();
        long due = start + (i + 1) * pauseNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      producer.flush();
      for (Future<RecordMetadata> future : pending) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (ExecutionException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void awaitSent(AtomicInteger sent, int count) {
    await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= count);
  }

  /**
   * Waits until the instance has applied that many events itself, so that its part is not empty.
   */
  private static void awaitApplied(ConfigurableApplicationContext instance, int count) {
    MeterRegistry meters = instance.getBean(MeterRegistry.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                meters.find("coordination.events.applied").counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum()
                    >= count);
  }

  /** A whole query-service as its own process would run it, on its own MongoDB address. */
  private static ConfigurableApplicationContext startInstance(String name, int mongoPort) {
    long started = System.nanoTime();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(QueryServiceApplication.class)
            .run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.profiles.active=local",
                "--spring.main.banner-mode=off",
                "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/" + DATABASE,
                "--coordination.personal-data.keystore-uri="
                    + mongo.connectionString()
                    + "/keys_rebalance_it",
                "--coordination.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--coordination.kafka.topic=" + TOPIC,
                "--coordination.kafka.group-id=" + GROUP,
                "--coordination.kafka.poll-timeout=200ms",
                "--coordination.kafka.retry-backoff=200ms",
                // A dead or stuck member is dropped in seconds rather than after the default 45 s /
                // 5 min.
                "--coordination.kafka.properties[session.timeout.ms]=6000",
                "--coordination.kafka.properties[heartbeat.interval.ms]=1000",
                "--coordination.kafka.properties[max.poll.interval.ms]=10000",
                // Small polls: more batches, so rebalances fall between and inside them.
                "--coordination.kafka.properties[max.poll.records]=100",
                "--coordination.kafka.properties[client.id]=rebalance-it-" + name);
    instances.add(context);
    log.info("Instance {} started in {} s", name, seconds(started));
    return context;
  }

  private static Map<Integer, Long> storedPositions() {
    Map<Integer, Long> positions = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      Document doc =
          database
              .getCollection(PositionStore.COLLECTION)
              .find(Filters.eq("_id", PositionStore.id(TOPIC, p)))
              .first();
      if (doc != null) {
        positions.put(p, ((Number) doc.get("offset")).longValue());
      }
    }
    return positions;
  }

  /**
   * The durations to placement are a multiset: their order is the order the events were applied in,
   * which the interleaving of partitions decides.
   */
  private static WardDashboard sortedDurations(WardDashboard dashboard) {
    Map<Integer, YearFigures> years = new HashMap<>();
    dashboard
        .years()
        .forEach(
            (year, f) ->
                years.put(
                    year,
                    new YearFigures(
                        f.intakesRequested(),
                        f.intakesPlaced(),
                        f.intakesCancelled(),
                        f.intakesOutOfHours(),
                        f.coSupportsOpened(),
                        f.coSupportsClosed(),
                        f.secondsToPlacement().stream().sorted().toList(),
                        f.requestedByMonth(),
                        f.placedByMonth(),
                        f.coSupportsOpenedByMonth(),
                        f.coSupportsClosedByMonth(),
                        f.experienceStaysCompleted(),
                        f.capacityActivities())));
    return new WardDashboard(dashboard.ward(), dashboard.live(), years, dashboard.lastEventAt());
  }

  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }
}
