package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Loading an aggregate and appending to it sends MongoDB the same operations with 1,000 streams in
 * the store as with 100,000, each addressed by exactly {@code _id} or {@code {_id, version}} (the
 * keys of an index). The MongoDB stand-in serves only such filters by index and answers any other
 * by scanning every document, so a filter of another shape on the hot path (an extra key, an {@code
 * $and}) is what made the cost grow with the store (ADR 0001, ARCHITECTURE.md).
 *
 * <p>The time it takes is measured, not asserted: wall-clock ratios depend on the machine and on
 * what else it runs, so they belong to the benchmark ({@code ./bench.sh StoreCostBenchmark},
 * docs/BENCHMARKS.md), never to the test command.
 */
class StoreCostDoesNotGrowIT {
  private static final int SMALL = 1_000;
  private static final int BIG = 100_000;
  private static final int SAMPLES = 300;

  /** Filter keys that an index of the collection serves. */
  private static final Set<Set<String>> INDEXED_FILTERS =
      Set.of(Set.of("_id"), Set.of("_id", "version"));

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private final Random random = new Random(42);

  /** What the engine sent: command, collection and the keys of its filter(s). */
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  @Test
  void
      loading_and_appending_one_aggregate_sends_the_same_id_keyed_operations_with_100_times_more_streams() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(recording(mongo.connectionString()))) {
      EventStreamCollections collections = new EventStreamCollections(client.getDatabase("cost"));
      Clock clock = Clock.systemUTC();
      MongoEventStorageEngine engine =
          new MongoEventStorageEngine(
              collections.streams(),
              new StreamCache(collections.streams(), storedEvents, 1000),
              storedEvents,
              new PendingPublications(collections, clock),
              clock,
              new SimpleMeterRegistry());

      fill(collections, 0, SMALL);
      Set<String> small = loadAndAppend(engine, collections, SMALL);
      fill(collections, SMALL, BIG);
      Set<String> big = loadAndAppend(engine, collections, BIG);

      System.out.printf(
          "Operations of load+append: %s with %,d streams, %s with %,d%n", small, SMALL, big, BIG);
      assertThat(big)
          .as(
              "operations of a load and an append with %,d streams (with %,d: %s)",
              BIG, SMALL, small)
          .isSubsetOf(small)
          .allSatisfy(
              operation ->
                  assertThat(operation)
                      .as("every filter is served by an index")
                      .doesNotContain("SCAN"));
      assertThat(small).allSatisfy(operation -> assertThat(operation).doesNotContain("SCAN"));
    }
  }

  /** Loads random aggregates and appends one event to each; returns the operation shapes sent. */
  private Set<String> loadAndAppend(
      MongoEventStorageEngine engine, EventStreamCollections collections, int streams) {
    operations.clear();
    for (int i = 0; i < SAMPLES; i++) {
      String id = idOf(random.nextInt(streams));
      List<? extends DomainEventMessage<?>> history = engine.readEvents(id).asStream().toList();
      DomainEventMessage<?> last = history.get(history.size() - 1);
      String ward = ((DomainEvent) last.getPayload()).ward();
      engine.appendEvents(
          applied(
              moved(id, ward, ward.equals("AOBA") ? "IZUMI" : "AOBA"),
              last.getSequenceNumber() + 1,
              "m-" + System.nanoTime()));
    }
    return new TreeSet<>(operations);
  }

  private MongoClientSettings recording(String connectionString) {
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(connectionString))
        .addCommandListener(
            new CommandListener() {
              @Override
              public void commandStarted(CommandStartedEvent event) {
                BsonValue collection = event.getCommand().get(event.getCommandName());
                if (collection == null || !collection.isString()) {
                  return;
                }
                String name = collection.asString().getValue() + " " + event.getCommandName();
                for (BsonDocument filter : filters(event)) {
                  operations.add(name + " " + shape(filter));
                }
              }
            })
        .build();
  }

  /**
   * The filters of a command: a find's, each statement's of an update or a delete; none for an
   * insert.
   */
  private static List<BsonDocument> filters(CommandStartedEvent event) {
    BsonDocument command = event.getCommand();
    List<BsonDocument> filters = new ArrayList<>();
    switch (event.getCommandName()) {
      case "find", "count", "findAndModify", "aggregate" ->
          filters.add(
              command.getDocument(
                  command.containsKey("filter") ? "filter" : "query", new BsonDocument()));
      case "update" ->
          command.getArray("updates").forEach(u -> filters.add(u.asDocument().getDocument("q")));
      case "delete" ->
          command.getArray("deletes").forEach(d -> filters.add(d.asDocument().getDocument("q")));
      default -> filters.add(null);
    }
    return filters;
  }

  /** The filter's keys, and SCAN when no index of the store serves it. */
  private static String shape(BsonDocument filter) {
    if (filter == null) {
      return "-";
    }
    Set<String> keys = new TreeSet<>(filter.keySet());
    return keys + (INDEXED_FILTERS.contains(keys) ? "" : " SCAN");
  }

  /** Writes streams {@code from..to-1} directly, in bulk, each with its creating event. */
  private void fill(EventStreamCollections collections, int from, int to) {
    Instant now = Instant.now();
    List<Document> batch = new ArrayList<>(1_000);
    for (int i = from; i < to; i++) {
      String id = idOf(i);
      EventEnvelope envelope = storedEvents.toEnvelope(applied(registered(id, "AOBA"), 0, id), now);
      batch.add(
          new Document("_id", id)
              .append(StoredEvents.AGGREGATE_TYPE, envelope.aggregateType())
              .append(StoredEvents.VERSION, 1L)
              .append(StoredEvents.EVENTS, List.of(storedEvents.toDocument(envelope, "h"))));
      if (batch.size() == 1_000) {
        collections.streams().insertMany(batch, new InsertManyOptions().ordered(true));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      collections.streams().insertMany(batch);
    }
    assertThat(collections.streams().estimatedDocumentCount()).isEqualTo(to);
  }

  private static String idOf(int i) {
    return String.format("household-%08d", i);
  }
}
