package jp.coordination.query.evaluation;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.TestEvents;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The event store is read in the command side's stored format: envelope JSON plus requestHash. */
class EventStoreSourceTest {

  private final EventCodec codec = new EventCodec();

  @SuppressWarnings("unchecked")
  private Document stored(EventEnvelope e) {
    Document d = new Document(codec.mapper().convertValue(codec.toTree(e), LinkedHashMap.class));
    return d.append("requestHash", "sha256:abc");
  }

  @Test
  void stored_streams_decode_to_the_envelopes_that_were_appended() {
    TestEvents events = new TestEvents();
    List<EventEnvelope> intake =
        List.of(
            events.intakeRequested("i1", "AOBA", jst("2025-06-02T10:00")),
            events.intakePlaced("i1", "AOBA", "f1", jst("2025-06-02T12:00")));
    EventEnvelope household = events.householdRegistered("h1", "IZUMI", jst("2025-05-01T10:00"));
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("coordination");
      db.getCollection("event_streams")
          .insertOne(
              new Document("_id", "i1")
                  .append("aggregateType", "EmergencyIntake")
                  .append("version", 1)
                  .append("events", intake.stream().map(this::stored).toList()));
      db.getCollection("event_streams")
          .insertOne(
              new Document("_id", "h1")
                  .append("aggregateType", "Household")
                  .append("version", 0)
                  .append("events", List.of(stored(household))));

      List<EventEnvelope> read = new ArrayList<>();
      long undecodable = new EventStoreSource(db, codec).readAll(read::add);

      assertThat(undecodable).isZero();
      assertThat(read).containsExactlyInAnyOrder(intake.get(0), intake.get(1), household);
      Evaluation.Outcome outcome =
          Evaluation.run(
              new EventStoreSource(db, codec),
              2025,
              null,
              jp.coordination.events.region.Region.load(null),
              jp.coordination.query.calendar.BusinessCalendar.tokyo(
                  jp.coordination.query.calendar.Holidays.load(null).dates()),
              n -> {});
      assertThat(outcome.statistics().total().placementRate()).isEqualByComparingTo("1");
      assertThat(outcome.statistics().wards().get("IZUMI").householdsRegistered()).isEqualTo(1);
    }
  }

  @Test
  void the_count_is_every_stored_event_from_the_streams_versions_without_reading_them() {
    TestEvents events = new TestEvents();
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("coordination");
      assertThat(new EventStoreSource(db, codec).count()).isZero();
      db.getCollection("event_streams")
          .insertOne(
              new Document("_id", "i1")
                  .append("aggregateType", "EmergencyIntake")
                  .append("version", 2)
                  .append(
                      "events",
                      List.of(
                          stored(events.intakeRequested("i1", "AOBA", jst("2025-06-02T10:00"))),
                          stored(
                              events.intakePlaced("i1", "AOBA", "f1", jst("2025-06-02T12:00"))))));
      db.getCollection("event_streams")
          .insertOne(
              new Document("_id", "h1")
                  .append("aggregateType", "Household")
                  .append("version", 1L)
                  .append(
                      "events",
                      List.of(
                          stored(
                              events.householdRegistered(
                                  "h1", "IZUMI", jst("2025-05-01T10:00"))))));

      assertThat(new EventStoreSource(db, codec).count()).isEqualTo(3);
    }
  }
}
