package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.consumer.ParkedEvent.Reason;
import jp.coordination.query.consumer.ParkedEvent.State;
import jp.coordination.query.consumer.ParkingStore.AggregateMarker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parked state in MongoDB (the stand-in): it survives a new store over the same database. */
class MongoParkingStoreTest {

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private MongoParkingStore store;
  private String database;

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
    database = "parking_store_" + System.nanoTime();
    store = new MongoParkingStore(client.getDatabase(database));
  }

  private static ParkedEvent parked(long offset, Long sequence) {
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    return new ParkedEvent(
        "t-0-" + offset,
        "t",
        0,
        offset,
        "a1",
        "e" + offset,
        "FacilityRegistered",
        1,
        sequence,
        State.PARKED,
        Reason.EXCEPTION,
        "java.time.DateTimeException: x",
        at,
        at.plusSeconds(1),
        3,
        null,
        "eyJ4IjoxfQ==",
        null,
        null,
        null);
  }

  @Test
  void parked_events_and_markers_survive_a_new_store_over_the_same_database() {
    store.save(parked(7, 0L));
    store.save(parked(9, null));
    store.save(new AggregateMarker("a1", List.of("t-0-7", "t-0-9"), List.of(3L), 1));

    MongoParkingStore restarted = new MongoParkingStore(client.getDatabase(database));

    assertThat(restarted.find("t-0-7")).contains(parked(7, 0L));
    assertThat(restarted.find("t-0-9")).contains(parked(9, null));
    assertThat(restarted.all()).hasSize(2);
    assertThat(restarted.marker("a1"))
        .contains(new AggregateMarker("a1", List.of("t-0-7", "t-0-9"), List.of(3L), 1));
  }

  @Test
  void an_empty_marker_is_deleted_and_the_redrive_numbers_are_no_markers() {
    store.save(new AggregateMarker("a1", List.of("t-0-7"), List.of(), 0));
    assertThat(store.redriveNumber("t-0-7")).isEqualTo(1);
    assertThat(store.redriveNumber("t-0-9")).isEqualTo(2);

    store.save(new AggregateMarker("a1", List.of(), List.of(), 0));

    assertThat(store.marker("a1")).isEmpty();
    assertThat(store.markers()).isEmpty();
  }

  @Test
  void a_record_keeps_its_redrive_number_across_restarts() {
    long first = store.redriveNumber("t-0-7");

    MongoParkingStore restarted = new MongoParkingStore(client.getDatabase(database));

    assertThat(restarted.redriveNumber("t-0-7")).isEqualTo(first);
    assertThat(restarted.redriveNumber("t-1-7")).isNotEqualTo(first);
  }
}
