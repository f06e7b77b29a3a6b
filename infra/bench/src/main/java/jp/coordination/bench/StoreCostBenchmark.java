package jp.coordination.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.MongoEventStorageEngine;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;

/**
 * The median time of loading one aggregate and appending one event to it with 1,000 streams in the
 * store and with 100,000, on the in-memory MongoDB stand-in, and their ratio (about 1 when both are
 * served by index). {@code StoreCostDoesNotGrowIT} asserts the cause (every operation is addressed
 * by the keys of an index); this measures the effect, which depends on the machine and so is no
 * test's business. Run: {@code ./bench.sh StoreCostBenchmark [samples]}.
 */
public final class StoreCostBenchmark {
  private static final int SMALL = 1_000;
  private static final int BIG = 100_000;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private final Random random = new Random(42);

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    new StoreCostBenchmark().run(samples);
  }

  private void run(int samples) {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
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
      measure(engine, collections, SMALL, samples); // warm-up: JIT, connection pool
      long small = measure(engine, collections, SMALL, samples);
      fill(collections, SMALL, BIG);
      long big = measure(engine, collections, BIG, samples);

      System.out.printf(
          "Median load+append: %d µs with %,d streams, %d µs with %,d streams; ratio %.2f (%d samples)%n",
          small / 1_000, SMALL, big / 1_000, BIG, (double) big / small, samples);
    }
  }

  /** Median nanoseconds of loading a random aggregate and appending one event to it. */
  private long measure(
      MongoEventStorageEngine engine,
      EventStreamCollections collections,
      int streams,
      int samples) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      String id = idOf(random.nextInt(streams));
      long start = System.nanoTime();
      List<? extends DomainEventMessage<?>> history = engine.readEvents(id).asStream().toList();
      DomainEventMessage<?> last = history.get(history.size() - 1);
      String ward = ((DomainEvent) last.getPayload()).ward();
      engine.appendEvents(
          applied(
              new HouseholdMovedWard(id, ward, ward.equals("AOBA") ? "IZUMI" : "AOBA"),
              last.getSequenceNumber() + 1));
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[samples / 2];
  }

  /** Writes streams {@code from..to-1} directly, in bulk, each with its creating event. */
  private void fill(EventStreamCollections collections, int from, int to) {
    Instant now = Instant.now();
    List<Document> batch = new ArrayList<>(1_000);
    for (int i = from; i < to; i++) {
      String id = idOf(i);
      EventEnvelope envelope = storedEvents.toEnvelope(applied(registered(id), 0), now);
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
  }

  private static AtRiskHouseholdRegistered registered(String id) {
    return new AtRiskHouseholdRegistered(
        id,
        "AOBA",
        null,
        List.of(RiskFactor.SINGLE_CAREGIVER),
        List.of(DisabilityType.INTELLECTUAL),
        false,
        List.of(SupportNeed.BEHAVIOURAL_SUPPORT),
        Instant.parse("2026-03-31T00:00:00Z"),
        new EncryptedPersonalData(id, 1, "aXY=", "Y2lwaGVy"));
  }

  /** An event as an aggregate applies it, with the metadata the HTTP layer puts on a command. */
  private static DomainEventMessage<DomainEvent> applied(DomainEvent payload, long sequence) {
    String commandId = UUID.randomUUID().toString();
    Map<String, Object> metaData = new LinkedHashMap<>();
    metaData.put(CommandMetadata.ACTOR, "bench");
    metaData.put(CommandMetadata.ROLE, "COORDINATOR");
    metaData.put(CommandMetadata.CORRELATION_ID, commandId);
    metaData.put(CommandMetadata.COMMAND_ID, commandId);
    metaData.put(CommandMetadata.REQUEST_HASH, "hash-" + commandId);
    return new GenericDomainEventMessage<>(
        "Household",
        payload.aggregateId(),
        sequence,
        payload,
        metaData,
        UUID.randomUUID().toString(),
        Instant.now());
  }

  private static String idOf(int i) {
    return String.format("household-%08d", i);
  }
}
