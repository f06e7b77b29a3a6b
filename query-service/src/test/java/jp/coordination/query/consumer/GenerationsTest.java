package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generation pointer, the routing of stores by generation and dropping a generation. */
class GenerationsTest {

  record Counter(int count) {}

  private static final DocumentKind<Counter> COUNTERS =
      new DocumentKind<>("counters", Counter.class);

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private MongoDatabase database;
  private Generations generations;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = client.getDatabase("generations_" + System.nanoTime());
    generations = new Generations(database);
  }

  @Test
  void without_a_pointer_generation_0_serves_under_the_plain_names() {
    assertThat(generations.refresh())
        .isEqualTo(new Generations.Pointer(0, Generations.State.SERVING, null));
    assertThat(generations.name("ward_dashboards")).isEqualTo("ward_dashboards");
    assertThat(Generations.collection("ward_dashboards", 3)).isEqualTo("ward_dashboards_g3");
  }

  @Test
  @SuppressWarnings("try") // the binding is a scope, held and never referenced
  void a_thread_bound_to_a_generation_writes_its_collections_while_others_read_the_active_one() {
    ProjectionStore store =
        new GenerationalProjectionStore(
            generations, g -> new MongoProjectionStore(database, EventCodec.newMapper(), 100, g));
    generations.refresh();
    try (Generations.Binding bound = generations.bind(1)) {
      assertThat(
              store.replace(COUNTERS, "a", 0, Versioned.first(new Counter(7), new Delivery(0, 0))))
          .isTrue();
      assertThat(store.read(COUNTERS, "a")).map(v -> v.state().count()).contains(7);
    }
    assertThat(store.read(COUNTERS, "a")).isEmpty();
    assertThat(database.getCollection("counters_g1").countDocuments()).isOne();
    assertThat(collections()).doesNotContain("counters");
  }

  @Test
  void one_rebuild_holds_the_pointer_and_switches_it() {
    assertThat(generations.claim("r1")).isTrue();
    assertThat(generations.claim("r2")).isFalse();
    assertThat(generations.pause("r2")).isFalse();
    assertThat(generations.pause("r1")).isTrue();
    assertThat(generations.serving(0)).isFalse();
    assertThat(generations.switchTo("r1", 0, 1)).isTrue();
    assertThat(generations.serving(1)).isTrue();
    assertThat(generations.active()).isOne();
    assertThat(generations.release("r1")).isTrue();
    assertThat(generations.claim("r2")).isTrue();
    assertThat(generations.known()).map(Generations.Pointer::generation).isEqualTo(Optional.of(1L));
  }

  @Test
  void
      an_instance_that_has_not_read_the_pointer_yet_reads_it_before_answering_which_generation_serves() {
    generations.claim("r1");
    generations.switchTo("r1", 0, 1);
    Generations started = new Generations(database); // its first read at start failed: none yet

    assertThat(started.known()).isEmpty();
    assertThat(started.active()).as("not generation 0, which the rebuild dropped").isOne();
  }

  @Test
  void a_switch_is_seen_by_another_instance_at_its_next_read() {
    Generations other = new Generations(database);
    other.refresh();
    generations.claim("r1");
    generations.switchTo("r1", 0, 1);
    assertThat(other.active()).isZero();
    other.refresh();
    assertThat(other.active()).isOne();
  }

  @Test
  void dropping_generation_0_leaves_every_collection_that_is_not_a_read_model() {
    for (String name :
        List.of(
            "ward_dashboards",
            "households",
            "applied_events",
            "consumer_positions",
            "parked_events",
            "evaluations",
            "projection_rebuilds",
            "ward_dashboards_g1",
            "households_g1",
            "applied_events_g1",
            "consumer_positions_g1")) {
      database.getCollection(name).insertOne(new Document("_id", "x"));
    }
    generations.claim("r1");

    generations.drop(0, 1);

    assertThat(collections())
        .containsExactlyInAnyOrder(
            "evaluations",
            "projection_rebuilds",
            Generations.COLLECTION,
            "ward_dashboards_g1",
            "households_g1",
            "applied_events_g1",
            "consumer_positions_g1");
  }

  @Test
  void dropping_a_later_generation_takes_only_its_suffix() {
    for (String name : List.of("ward_dashboards_g1", "ward_dashboards_g2", "ward_dashboards_g12")) {
      database.getCollection(name).insertOne(new Document("_id", "x"));
    }
    generations.drop(1, 2);
    assertThat(collections())
        .containsExactlyInAnyOrder("ward_dashboards_g2", "ward_dashboards_g12");
  }

  private List<String> collections() {
    return database.listCollectionNames().into(new ArrayList<>());
  }
}
