package jp.coordination.command.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.MongoEventStorageEngine;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.personaldata.MongoHouseholdKeys;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.personaldata.LocalMasterKey;
import org.bson.Document;

/** A fresh store in its own database of the stand-in, with the audit trail over it. */
final class AuditStoreFixture {
  static final String KEY = "test-checkpoint-key";

  /** A master key for tests only: 32 bytes, base64. */
  static final String TEST_MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktZm9yLWF1ZGl0LTE=";

  final MongoDatabase database;
  final EventStreamCollections collections;
  final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  final SteppingClock clock = new SteppingClock(Instant.parse("2026-04-01T00:00:00Z"));
  final MongoEventStorageEngine engine;
  final Checkpoints checkpoints;
  final IntegrityVerifier verifier;
  final AccessRecords accessRecords;
  final ActorDirectory actors;
  final MongoHouseholdKeys householdKeys;
  final AuditEvents auditEvents;

  AuditStoreFixture(MongoClient client) {
    database = client.getDatabase("audit_" + System.nanoTime());
    collections = new EventStreamCollections(database);
    engine = newEngine();
    checkpoints =
        new Checkpoints(
            collections.streams(),
            database.getCollection(Checkpoints.COLLECTION),
            clock,
            KEY.getBytes(StandardCharsets.UTF_8));
    verifier = new IntegrityVerifier(collections.streams(), storedEvents, checkpoints, clock);
    accessRecords = new AccessRecords(database.getCollection(AccessRecords.COLLECTION));
    actors = new ActorDirectory(database.getCollection(ActorDirectory.COLLECTION), clock);
    householdKeys =
        new MongoHouseholdKeys(
            database.getCollection(MongoHouseholdKeys.COLLECTION),
            LocalMasterKey.fromBase64(TEST_MASTER_KEY));
    auditEvents =
        new AuditEvents(
            collections.streams(),
            accessRecords,
            actors,
            householdKeys,
            storedEvents.codec(),
            clock);
  }

  /** An event store over this database with a cache of its own, as a service starting on it has. */
  MongoEventStorageEngine newEngine() {
    return new MongoEventStorageEngine(
        collections.streams(),
        new StreamCache(collections.streams(), storedEvents, 1000),
        storedEvents,
        new PendingPublications(collections, clock),
        clock,
        new SimpleMeterRegistry());
  }

  MongoCollection<Document> streams() {
    return collections.streams();
  }

  Document stream(String id) {
    return streams().find(Filters.eq("_id", id)).first();
  }

  List<Document> events(String id) {
    return StoredEvents.eventsOf(stream(id));
  }

  /** A clock that moves one second each time it is read, so every append has its own time. */
  static final class SteppingClock extends Clock {
    private Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      Instant current = now;
      now = now.plus(Duration.ofSeconds(1));
      return current;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
