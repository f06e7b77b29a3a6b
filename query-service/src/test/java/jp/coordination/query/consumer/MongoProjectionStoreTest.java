package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MongoDB projection store, against the stand-in, as the consumer uses it. */
class MongoProjectionStoreTest {

  record Counter(int count) {}

  private static final DocumentKind<Counter> COUNTERS =
      new DocumentKind<>("counters", Counter.class);

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

  private MongoDatabase database;
  private MongoProjectionStore store;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    CommandListener recorder =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            commands.add(event.getCommand().clone());
          }
        };
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(recorder)
                .build());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = client.getDatabase("projection_store_" + System.nanoTime());
    store = new MongoProjectionStore(database, EventCodec.newMapper());
    commands.clear();
  }

  private boolean increment(ProjectionStore target, Delivery delivery) {
    return GuardedUpdate.apply(
        target, COUNTERS, "c", delivery, c -> new Counter(c.map(Counter::count).orElse(0) + 1));
  }

  private long finds() {
    return commands.stream().filter(c -> c.containsKey("find")).count();
  }

  @Test
  void a_document_this_store_wrote_is_updated_again_without_reading_it_back() {
    increment(store, new Delivery(0, 1));
    long findsBefore = finds();

    increment(store, new Delivery(0, 2));
    increment(store, new Delivery(0, 3));

    assertThat(finds()).isEqualTo(findsBefore);
    assertThat(store.read(COUNTERS, "c").orElseThrow().state().count()).isEqualTo(3);
  }

  @Test
  void a_write_by_another_instance_behind_the_cache_is_neither_lost_nor_counted_twice() {
    increment(store, new Delivery(0, 1));
    // Another instance (another store, another cache) applies a delivery of another partition.
    MongoProjectionStore other = new MongoProjectionStore(database, EventCodec.newMapper());
    increment(other, new Delivery(1, 9));

    // Our cache still says version 1 with one count: the conditional replace fails, we re-read.
    assertThat(increment(store, new Delivery(0, 2))).isTrue();
    // And the other instance's delivery, redelivered to us, is recognised as applied.
    assertThat(increment(store, new Delivery(1, 9))).isFalse();

    Versioned<Counter> stored = store.read(COUNTERS, "c").orElseThrow();
    assertThat(stored.state().count()).isEqualTo(3);
    assertThat(stored.pos()).containsEntry("0", 2L).containsEntry("1", 9L);
  }

  @Test
  void the_only_writer_of_empty_collections_reads_no_document_it_never_wrote() {
    MongoProjectionStore building = new MongoProjectionStore(database, EventCodec.newMapper(), 0);
    building.assumeOnlyWriterOfEmpty();

    for (int n = 0; n < 50; n++) {
      GuardedUpdate.apply(building, COUNTERS, "c" + n, new Delivery(0, n), c -> new Counter(1));
    }

    assertThat(finds()).isZero();
    assertThat(database.getCollection("counters").countDocuments()).isEqualTo(50);
  }

  @Test
  void a_document_someone_else_wrote_anyway_is_read_after_the_insert_fails_and_counted_once() {
    MongoProjectionStore building = new MongoProjectionStore(database, EventCodec.newMapper(), 0);
    building.assumeOnlyWriterOfEmpty();
    increment(store, new Delivery(1, 7));

    assertThat(increment(building, new Delivery(0, 1))).isTrue();

    Versioned<Counter> stored = store.read(COUNTERS, "c").orElseThrow();
    assertThat(stored.state().count()).isEqualTo(2);
    assertThat(stored.pos()).containsEntry("0", 1L).containsEntry("1", 7L);
  }

  @Test
  void a_query_reads_the_database_not_the_cache() {
    increment(store, new Delivery(0, 1));
    MongoProjectionStore other = new MongoProjectionStore(database, EventCodec.newMapper());
    increment(other, new Delivery(1, 1));

    assertThat(store.read(COUNTERS, "c").orElseThrow().state().count()).isEqualTo(2);
  }

  @Test
  void
      the_conditional_replace_filters_on_exactly_the_keys_of_an_index_so_the_stand_in_does_not_scan() {
    increment(store, new Delivery(0, 1));
    increment(store, new Delivery(0, 2));

    BsonDocument update =
        commands.stream().filter(c -> c.containsKey("update")).reduce((a, b) -> b).orElseThrow();
    BsonDocument filter = update.getArray("updates").get(0).asDocument().getDocument("q");
    assertThat(filter.keySet()).containsExactly("_id", "v");
    List<Document> indexKeys =
        StreamSupport.stream(database.getCollection("counters").listIndexes().spliterator(), false)
            .map(index -> index.get("key", Document.class))
            .toList();
    assertThat(indexKeys).anySatisfy(key -> assertThat(key.keySet()).containsExactly("_id", "v"));
  }

  private long commandsNamed(String name) {
    return commands.stream().filter(c -> c.containsKey(name)).count();
  }

  @Test
  void a_batch_of_writes_to_one_collection_is_one_insert_and_one_update_command() {
    increment(store, new Delivery(0, 1));
    Versioned<Counter> c = store.readForUpdate(COUNTERS, "c").orElseThrow();
    commands.clear();

    boolean written =
        store.replaceAll(
            List.of(
                new ProjectionStore.Replacement<>(
                    COUNTERS, "c", 1, c.next(new Counter(5), new Delivery(0, 7))),
                new ProjectionStore.Replacement<>(
                    COUNTERS, "d", 0, Versioned.first(new Counter(1), new Delivery(0, 7))),
                new ProjectionStore.Replacement<>(
                    COUNTERS, "e", 0, Versioned.first(new Counter(2), new Delivery(0, 7)))));

    assertThat(written).isTrue();
    assertThat(commandsNamed("update")).isEqualTo(1);
    assertThat(commandsNamed("insert")).isEqualTo(1);
    assertThat(store.read(COUNTERS, "c").orElseThrow().state().count()).isEqualTo(5);
    assertThat(store.read(COUNTERS, "e").orElseThrow().state().count()).isEqualTo(2);
  }

  @Test
  void a_batch_that_lost_a_race_says_so_and_its_next_update_reads_the_database() {
    increment(store, new Delivery(0, 1));
    Versioned<Counter> c = store.readForUpdate(COUNTERS, "c").orElseThrow();
    MongoProjectionStore other = new MongoProjectionStore(database, EventCodec.newMapper());
    increment(other, new Delivery(1, 1));

    boolean written =
        store.replaceAll(
            List.of(
                new ProjectionStore.Replacement<>(
                    COUNTERS, "c", 1, c.next(new Counter(99), new Delivery(0, 2)))));

    assertThat(written).isFalse();
    assertThat(store.readForUpdate(COUNTERS, "c").orElseThrow().state().count()).isEqualTo(2);
    // A document another instance inserted first is a lost race too, not an error.
    increment(other, new Delivery(1, 2));
    assertThat(
            store.replaceAll(
                List.of(
                    new ProjectionStore.Replacement<>(
                        COUNTERS, "fresh", 0, Versioned.first(new Counter(1), new Delivery(0, 3))),
                    new ProjectionStore.Replacement<>(
                        COUNTERS,
                        "fresh",
                        0,
                        Versioned.first(new Counter(1), new Delivery(0, 3))))))
        .isFalse();
  }

  @Test
  void a_batch_of_deliveries_is_one_insert_and_tells_redeliveries_from_copies() {
    store.recordDeliveries(
        List.of(
            new ProjectionStore.Delivered("e1", new Delivery(0, 1)),
            new ProjectionStore.Delivered("e2", new Delivery(0, 2))));
    commands.clear();

    List<LedgerOutcome> outcomes =
        store.recordDeliveries(
            List.of(
                new ProjectionStore.Delivered("e1", new Delivery(0, 1)),
                new ProjectionStore.Delivered("e2", new Delivery(2, 40)),
                new ProjectionStore.Delivered("e3", new Delivery(0, 3)),
                new ProjectionStore.Delivered("e3", new Delivery(0, 4))));

    assertThat(outcomes)
        .containsExactly(
            LedgerOutcome.REDELIVERY,
            LedgerOutcome.DUPLICATE,
            LedgerOutcome.FIRST,
            LedgerOutcome.DUPLICATE);
    assertThat(commandsNamed("insert")).isEqualTo(1);
  }
}
