package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Loading an aggregate and appending to it costs the same with 1,000 streams in the store as with
 * 100,000: both are operations by {@code _id}. (The MongoDB stand-in answers any other query by
 * scanning, so a non-{@code _id} query on the hot path would make this ratio explode.)
 */
class StoreCostDoesNotGrowIT {
  private static final int SMALL = 1_000;
  private static final int BIG = 100_000;
  private static final int SAMPLES = 300;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private final Random random = new Random(42);

  @Test
  void loading_and_appending_one_aggregate_costs_the_same_with_100_times_more_streams() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      EventStreamCollections collections =
          new EventStreamCollections(client.getDatabase("cost"));
      Clock clock = Clock.systemUTC();
      MongoEventStorageEngine engine =
          new MongoEventStorageEngine(
              collections.streams(),
              new StreamCache(collections.streams(), storedEvents, 1000),
              storedEvents,
              new PendingPublications(collections.publicationPending(), clock),
              clock,
              new SimpleMeterRegistry());

      fill(collections, 0, SMALL);
      measure(engine, collections, SMALL); // warm-up: JIT, connection pool
      long small = measure(engine, collections, SMALL);

      fill(collections, SMALL, BIG);
      long big = measure(engine, collections, BIG);

      System.out.printf(
          "Median load+append: %d µs with %,d streams, %d µs with %,d streams%n",
          small / 1_000, SMALL, big / 1_000, BIG);
      assertThat((double) big / small).as("big/small median ratio").isLessThan(3.0);
    }
  }

  /** Median nanoseconds of loading a random aggregate and appending one event to it. */
  private long measure(MongoEventStorageEngine engine, EventStreamCollections collections, int streams) {
    // Markers would be cleared by the relay; keep the collection as small as it is in service.
    collections.publicationPending().deleteMany(new Document());
    long[] nanos = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      String id = idOf(random.nextInt(streams));
      long start = System.nanoTime();
      List<? extends DomainEventMessage<?>> history = engine.readEvents(id).asStream().toList();
      DomainEventMessage<?> last = history.get(history.size() - 1);
      String ward = ((DomainEvent) last.getPayload()).ward();
      engine.appendEvents(
          applied(moved(id, ward, ward.equals("AOBA") ? "IZUMI" : "AOBA"), last.getSequenceNumber() + 1, "m-" + System.nanoTime()));
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[SAMPLES / 2];
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
