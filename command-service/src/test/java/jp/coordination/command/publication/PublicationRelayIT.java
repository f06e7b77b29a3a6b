package jp.coordination.command.publication;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.MongoEventStorageEngine;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.readiness.ReadinessStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class PublicationRelayIT {
  @TempDir static Path kafkaLogs;

  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private String topic;
  private EventStreamCollections collections;
  private PendingPublications pending;
  private static final Map<String, Integer> OPERATIONS = new ConcurrentHashMap<>();

  private MongoEventStorageEngine engine;
  private StreamCache cache;
  private TopicInitializer topicInitializer;
  private AdjustableClock clock;

  /**
   * The system clock, moved forward by hand where a test needs time to pass (instead of sleeping).
   */
  private static final class AdjustableClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    void advance(Duration by) {
      ahead = ahead.plus(by);
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.now().plus(ahead);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @BeforeAll
  static void startInfrastructure() {
    kafka = EmbeddedKafkaBroker.start(kafkaLogs, 0);
    mongo = EmbeddedMongo.inMemory();
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(
                    new CommandListener() {
                      @Override
                      public void commandStarted(CommandStartedEvent event) {
                        BsonValue collection = event.getCommand().get(event.getCommandName());
                        if (collection != null && collection.isString()) {
                          OPERATIONS.merge(
                              collection.asString().getValue() + " " + event.getCommandName(),
                              1,
                              Integer::sum);
                        }
                      }
                    })
                .build());
  }

  @AfterAll
  static void stopInfrastructure() {
    client.close();
    mongo.close();
    kafka.close();
  }

  @BeforeEach
  void newStoreAndTopic() {
    if (!kafka.isRunning()) {
      kafka.restart();
    }
    topic = "events-" + System.nanoTime();
    collections = new EventStreamCollections(client.getDatabase("db_" + System.nanoTime()));
    clock = new AdjustableClock();
    pending = new PendingPublications(collections, clock);
    cache = new StreamCache(collections.streams(), storedEvents, 1000);
    engine =
        new MongoEventStorageEngine(
            collections.streams(), cache, storedEvents, pending, Clock.systemUTC(), meters);
    topicInitializer =
        new TopicInitializer(
            KafkaClientConfigs.admin(kafka.bootstrapServers()),
            topic,
            3,
            (short) 1,
            Duration.ofSeconds(1));
    closeables.add(topicInitializer);
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  private PublicationRelay relay() {
    return relay(cache, Duration.ofSeconds(2));
  }

  private PublicationRelay relay(StreamCache streams) {
    return relay(streams, Duration.ofSeconds(2));
  }

  private PublicationRelay relay(Duration maxBlock) {
    return relay(cache, maxBlock);
  }

  /** A relay whose producer waits at most {@code maxBlock} per send for the broker's metadata. */
  private PublicationRelay relay(StreamCache streams, Duration maxBlock) {
    Map<String, Object> producerConfig =
        KafkaClientConfigs.producer(
            kafka.bootstrapServers(), Duration.ofMillis(5), maxBlock, Duration.ofSeconds(6));
    PublicationRelay relay =
        new PublicationRelay(
            pending,
            streams,
            storedEvents,
            new PublishedVersions(collections.streams()),
            () -> new KafkaProducer<>(producerConfig),
            topic,
            topicInitializer::isReady,
            new PublicationRelay.Settings(
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10), 500),
            clock,
            meters,
            () -> true);
    closeables.add(0, relay);
    return relay;
  }

  /** Takes the pending mark off a stream, as if it had been lost. */
  private void unmark(String id) {
    collections
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(
                Updates.unset(StoredEvents.PENDING), Updates.unset(StoredEvents.PENDING_SINCE)));
  }

  @Test
  void events_appended_while_the_broker_is_down_are_published_after_restart_in_order()
      throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    relay().start();
    String early = newId();
    engine.appendEvents(applied(registered(early, "AOBA"), 0, early));
    await().atMost(Duration.ofSeconds(20)).until(() -> pending.list(10).isEmpty());

    kafka.stop();
    List<String> ids = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      String id = newId();
      ids.add(id);
      engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
      engine.appendEvents(
          applied(moved(id, "AOBA", "IZUMI"), 1, "m1-" + id),
          applied(moved(id, "IZUMI", "TAIHAKU"), 2, "m1-" + id));
      engine.appendEvents(applied(moved(id, "TAIHAKU", "AOBA"), 3, "m2-" + id));
    }
    Duration appending = Duration.ofNanos(System.nanoTime() - started);
    assertThat(appending)
        .as("commands are accepted while Kafka is down")
        .isLessThan(Duration.ofSeconds(10));
    // A pass over these streams while Kafka is down fails and keeps every mark. Driven here,
    // so that it certainly ran: a pause and a look would pass as well if no pass ever did.
    // (Each send of a pass waits up to max.block.ms for a broker, 80 sends here: the probe waits 50
    // ms.)
    PublicationRelay probe = relay(Duration.ofMillis(50));
    assertThatThrownBy(probe::publishPending)
        .isInstanceOf(PublicationRelay.PublicationException.class);
    assertThat(pending.list(100)).hasSize(20);
    assertThat(meters.get("coordination.publication.oldest.unpublished.age").gauge().value())
        .isGreaterThan(0);

    kafka.restart();

    await().atMost(Duration.ofSeconds(60)).until(() -> pending.list(100).isEmpty());
    Map<String, List<EventEnvelope>> published = consumeAll();
    for (String id : ids) {
      assertThat(published.get(id))
          .as("stream %s", id)
          .extracting(EventEnvelope::sequence)
          .startsWith(0L)
          .containsSubsequence(0L, 1L, 2L, 3L)
          .isSortedAccordingTo(Long::compare);
    }
    assertThat(published.get(early)).extracting(EventEnvelope::sequence).containsExactly(0L);
    assertThat(meters.get("coordination.publication.oldest.unpublished.age").gauge().value())
        .isZero();
  }

  @Test
  void
      a_pass_lists_the_pending_streams_publishes_them_without_reading_them_and_settles_them_in_one_round_trip()
          throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    PublicationRelay relay = relay();
    // Its first pass also looks once for markers of the former layout; not a per-pass cost.
    relay.publishPending();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = newId();
      ids.add(id);
      engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
      engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "m-" + id));
    }
    OPERATIONS.clear();

    assertThat(relay.publishPending()).isEqualTo(5);

    assertThat(OPERATIONS)
        .as(
            "one listing, one bulk of conditional updates raising the published versions and clearing the marks, no stream read")
        .containsOnly(Map.entry("event_streams find", 1), Map.entry("event_streams update", 1));
    assertThat(pending.list(10)).isEmpty();
    Map<String, List<EventEnvelope>> published = consumeAll();
    for (String id : ids) {
      assertThat(published.get(id)).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
    }
  }

  @Test
  void a_stream_the_cache_holds_older_than_listed_is_read_from_mongodb() throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    PublicationRelay relay = relay();
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    // Another instance appends with its own cache: this instance's entry stays at version 1.
    MongoEventStorageEngine other =
        new MongoEventStorageEngine(
            collections.streams(),
            new StreamCache(collections.streams(), storedEvents, 10),
            storedEvents,
            pending,
            Clock.systemUTC(),
            meters);
    other.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "m-other"));

    relay.publishPending();

    assertThat(consumeAll().get(id)).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
    assertThat(pending.list(10)).isEmpty();
  }

  /**
   * Simulates only the state a crash leaves between Kafka's acknowledgement and the stream's
   * settling: the mark and the published version are put back by hand, and the same warm relay (its
   * producer, this instance's cache of recent streams) runs the next pass. It is not a process
   * kill: no cold start reading everything from MongoDB, no sends in flight when the process dies.
   * That belongs to a test that kills the service's process.
   */
  @Test
  void
      a_stream_left_pending_after_kafka_acknowledged_republishes_its_events_as_duplicates_without_gaps()
          throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    PublicationRelay relay = relay();
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "m1"));
    relay.publishPending();
    assertThat(pending.list(10)).isEmpty();

    // What a crash after Kafka acknowledged but before the settling write leaves.
    collections
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(
                Updates.set(StoredEvents.PENDING, id),
                Updates.set(PublishedVersions.PUBLISHED, 0)));
    engine.appendEvents(applied(moved(id, "IZUMI", "AOBA"), 2, "m2"));
    relay.publishPending();

    List<EventEnvelope> published = consumeAll().get(id);
    assertThat(published).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 0L, 1L, 2L);
    assertThat(published.subList(2, 5))
        .extracting(EventEnvelope::eventId)
        .startsWith(published.get(0).eventId(), published.get(1).eventId());
    assertThat(pending.list(10)).isEmpty();
    assertThat(
            meters
                .counter(
                    "coordination.events.published", "type", "HouseholdMovedWard", "ward", "AOBA")
                .count())
        .isEqualTo(1);
  }

  @Test
  void streams_marked_in_the_former_layout_are_published_after_the_upgrade() throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "m-" + id));
    // The former layout: the stream unmarked, its promise a marker in publication_pending.
    unmark(id);
    java.util.Date since = java.util.Date.from(clock.instant().minusSeconds(30));
    collections
        .publicationPending()
        .insertOne(
            new org.bson.Document("_id", id)
                .append("from", 0L)
                .append("upTo", 1L)
                .append("rev", 2L)
                .append("touchedAt", since)
                .append("since", since));

    relay().publishPending();

    assertThat(consumeAll().get(id)).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
    assertThat(collections.publicationPending().countDocuments()).isZero();
    assertThat(pending.list(10)).isEmpty();
    assertThat(new PublishedVersions(collections.streams()).read(id)).isEqualTo(2);
  }

  @Test
  void the_reconciliation_marks_again_a_stream_stored_beyond_its_published_version_with_no_mark()
      throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    PublicationRelay relay = relay();
    String published = newId();
    engine.appendEvents(applied(registered(published, "AOBA"), 0, published));
    relay.publishPending();
    // Events whose mark was lost: stored, no promise left.
    String missed = newId();
    engine.appendEvents(applied(registered(missed, "IZUMI"), 0, missed));
    engine.appendEvents(applied(moved(missed, "IZUMI", "AOBA"), 1, "m-" + missed));
    unmark(missed);
    PublicationReconciliation reconciliation =
        new PublicationReconciliation(
            collections.streams(), pending, relay::wake, Duration.ZERO, meters, () -> true);

    assertThat(reconciliation.reconcile()).isEqualTo(new PublicationReconciliation.Result(2, 1, 1));
    assertThat(meters.get("coordination.publication.streams.behind").gauge().value()).isEqualTo(1);
    relay.publishPending();

    assertThat(consumeAll().get(missed))
        .extracting(EventEnvelope::sequence)
        .containsExactly(0L, 1L);
    assertThat(reconciliation.reconcile()).isEqualTo(new PublicationReconciliation.Result(2, 0, 0));
    assertThat(meters.get("coordination.publication.streams.behind").gauge().value()).isZero();
    assertThat(meters.counter("coordination.publication.streams.repaired").count()).isEqualTo(1);
  }

  @Test
  void a_marked_stream_is_counted_behind_but_left_to_the_relay() throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    PublicationReconciliation reconciliation =
        new PublicationReconciliation(
            collections.streams(), pending, () -> {}, Duration.ZERO, meters, () -> true);

    assertThat(reconciliation.reconcile()).isEqualTo(new PublicationReconciliation.Result(1, 1, 0));
    assertThat(pending.list(10))
        .singleElement()
        .satisfies(stream -> assertThat(stream.version()).isEqualTo(1));
  }

  @Test
  void two_relays_at_once_publish_every_event_with_first_copies_in_sequence_order()
      throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    PublicationRelay first = relay();
    // The second instance has its own cache, as another command-service would.
    PublicationRelay second = relay(new StreamCache(collections.streams(), storedEvents, 100));
    first.start();
    second.start();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(newId());
    }
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> writing = new ArrayList<>();
    for (String id : ids) {
      writing.add(
          writers.submit(
              () -> {
                engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
                for (int sequence = 1; sequence <= 5; sequence++) {
                  String from = sequence % 2 == 1 ? "AOBA" : "IZUMI";
                  String to = sequence % 2 == 1 ? "IZUMI" : "AOBA";
                  engine.appendEvents(
                      applied(moved(id, from, to), sequence, "m" + sequence + "-" + id));
                }
                return null;
              }));
    }
    for (Future<?> write : writing) {
      write.get();
    }
    writers.shutdown();

    await().atMost(Duration.ofSeconds(60)).until(() -> pending.list(100).isEmpty());
    Map<String, List<EventEnvelope>> published = consumeAll();
    for (String id : ids) {
      List<Long> firstCopies =
          published.get(id).stream().map(EventEnvelope::sequence).distinct().toList();
      assertThat(firstCopies).as("stream %s", id).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(new PublishedVersions(collections.streams()).read(id)).isEqualTo(6);
    }
  }

  @Test
  void the_topic_is_created_with_unlimited_retention_and_records_carry_type_and_id_headers()
      throws Exception {
    topicInitializer.start();
    await().atMost(Duration.ofSeconds(30)).until(topicInitializer::isReady);
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    relay().publishPending();

    try (Admin admin = Admin.create(KafkaClientConfigs.admin(kafka.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("retention.ms").value()).isEqualTo("-1");
      assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
          .hasSize(3);
    }
    ConsumerRecord<String, byte[]> record = consumeRecords().get(0);
    assertThat(record.key()).isEqualTo(id);
    EventEnvelope envelope = storedEvents.codec().decode(record.value());
    assertThat(new String(record.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
        .isEqualTo("AtRiskHouseholdRegistered");
    assertThat(new String(record.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8))
        .isEqualTo(envelope.eventId());
    assertThat(record.headers().lastHeader("requestHash")).isNull();
  }

  @Test
  void a_relay_that_falls_behind_degrades_its_health_but_never_fails_it() {
    // The topic is never made ready here, so the relay lists the pending streams and publishes
    // nothing.
    PublicationRelay relay = relay();
    PublicationHealth health = new PublicationHealth(() -> relay, Duration.ofSeconds(60));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails().get("relay").toString()).startsWith("not publishing");

    relay.start();
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ((Number) health.health().getDetails().get("oldestUnpublishedAgeSeconds"))
                        .doubleValue()
                    > 0);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    clock.advance(Duration.ofSeconds(61));

    Health behind = health.health();
    assertThat(behind.getStatus()).isEqualTo(ReadinessStatus.DEGRADED).isNotEqualTo(Status.DOWN);
    assertThat(((Number) behind.getDetails().get("oldestUnpublishedAgeSeconds")).doubleValue())
        .isGreaterThan(60);
    assertThat(new PublicationHealth(() -> null, Duration.ofSeconds(60)).health().getStatus())
        .isEqualTo(Status.UP);
  }

  @Test
  void the_service_starts_and_stores_while_kafka_is_down_and_creates_the_topic_later()
      throws Exception {
    kafka.stop();
    topicInitializer.start();
    PublicationRelay relay = relay();
    relay.start();
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    // The relay ran over the pending stream and held it back while there is no topic (not merely:
    // time passed).
    awaitRelayPasses(2);
    assertThat(topicInitializer.isReady()).isFalse();
    assertThat(pending.list(10)).hasSize(1);

    kafka.restart();

    await().atMost(Duration.ofSeconds(60)).until(topicInitializer::isReady);
    await().atMost(Duration.ofSeconds(30)).until(() -> pending.list(10).isEmpty());
    assertThat(consumeAll().get(id)).extracting(EventEnvelope::sequence).containsExactly(0L);
  }

  /**
   * Waits until the running relay listed the pending streams {@code passes} more times from now,
   * that is, until at least {@code passes - 1} of its passes ended. (The test thread lists none
   * meanwhile.)
   */
  private void awaitRelayPasses(int passes) {
    int before = OPERATIONS.getOrDefault("event_streams find", 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> OPERATIONS.getOrDefault("event_streams find", 0) >= before + passes);
  }

  private Map<String, List<EventEnvelope>> consumeAll() {
    Map<String, List<EventEnvelope>> byAggregate = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : consumeRecords()) {
      byAggregate
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(storedEvents.codec().decode(record.value()));
    }
    return byAggregate;
  }

  /** Every record on the topic, read until a poll brings nothing more. */
  private List<ConsumerRecord<String, byte[]>> consumeRecords() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (records.isEmpty() || emptyPolls < 3)) {
        var batch = consumer.poll(Duration.ofMillis(500));
        batch.forEach(records::add);
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
      }
    }
    return records;
  }
}
