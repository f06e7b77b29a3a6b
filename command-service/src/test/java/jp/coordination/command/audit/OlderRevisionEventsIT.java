package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.LinkedHashMap;
import java.util.List;
import jp.coordination.command.eventstore.EventHashChain;
import jp.coordination.command.eventstore.MongoEventStorageEngine;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event an earlier build stored in an older revision (an {@code EmergencyIntakePlaced} of
 * revision 1, before it had {@code expectedLastDay}) stays what it was in the store: the integrity
 * check still finds its chain intact and still finds a change to it; the aggregate is sourced from
 * it through the upcaster; the audit view shows it as stored and as read today.
 */
class OlderRevisionEventsIT {
  private static final String FACILITY = "c3a1b2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private AuditStoreFixture store;
  private ObjectMapper mapper;
  private String intake;

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
  void storeAnIntakePlacedByAnEarlierBuild() throws Exception {
    store = new AuditStoreFixture(client);
    mapper = store.storedEvents.codec().mapper();
    intake = newId();
    store.engine.appendEvents(
        applied(
            new EmergencyIntakeRequested(
                intake,
                "AOBA",
                null,
                IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS,
                List.of(SupportNeed.MEDICAL_CARE)),
            0,
            "c0"));
    // What the build before revision 2 appended: its envelope's bytes, hashed onto the chain.
    ObjectNode revision1 =
        (ObjectNode)
            mapper.readTree(
                """
                {"eventId":"6f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0","type":"EmergencyIntakePlaced","revision":1,
                 "aggregateType":"EmergencyIntake","aggregateId":"%s","sequence":1,
                 "occurredAt":"2026-04-01T10:00:00Z","recordedAt":"2026-04-01T10:00:01.250Z","ward":"AOBA",
                 "actor":"coordinator-1","role":"COORDINATOR","correlationId":"corr-c1","causationId":"c1",
                 "payload":{"intakeId":"%s","ward":"AOBA","facilityId":"%s"}}
                """
                    .formatted(intake, intake, FACILITY));
    String previous = store.stream(intake).getString(StoredEvents.HEAD_HASH);
    String hash = EventHashChain.next(previous, mapper.writeValueAsBytes(revision1), "hash-c1");
    @SuppressWarnings("unchecked")
    Document stored =
        new Document(mapper.convertValue(revision1, LinkedHashMap.class))
            .append(StoredEvents.REQUEST_HASH, "hash-c1")
            .append(StoredEvents.HASH, hash);
    store
        .streams()
        .updateOne(
            Filters.eq("_id", intake),
            Updates.combine(
                Updates.push(StoredEvents.EVENTS, stored),
                Updates.set(StoredEvents.VERSION, 2L),
                Updates.set(StoredEvents.HEAD_HASH, hash)));
  }

  @Test
  void its_chain_is_intact_though_this_build_writes_another_revision() {
    IntegrityReport report = store.verifier.verify();

    assertThat(report.firstBroken()).isNull();
    assertThat(report.intact()).isTrue();
    assertThat(report.events()).isEqualTo(2);
  }

  @Test
  void a_change_to_it_is_still_found() {
    store
        .streams()
        .updateOne(
            Filters.eq("_id", intake),
            Updates.set(
                StoredEvents.EVENTS + ".1.payload.facilityId",
                "00000000-0000-4000-8000-000000000000"));

    IntegrityReport report = store.verifier.verify();

    assertThat(report.intact()).isFalse();
    assertThat(report.firstBroken().problem()).isEqualTo(BrokenEvent.Problem.HASH_MISMATCH);
    assertThat(report.firstBroken().sequence()).isEqualTo(1L);
  }

  @Test
  void the_aggregate_is_sourced_from_it_through_the_upcaster_and_its_chain_goes_on() {
    // This build starting on the store the earlier one left: nothing of it is cached yet.
    MongoEventStorageEngine engine = store.newEngine();
    List<? extends DomainEventMessage<?>> events = engine.readEvents(intake).asStream().toList();

    assertThat(events).hasSize(2);
    assertThat(events.get(1).getPayload())
        .isEqualTo(new EmergencyIntakePlaced(intake, "AOBA", FACILITY, null));

    engine.appendEvents(
        applied(
            new EmergencyIntakeCompleted(intake, "AOBA", null, IntakeOutcome.RETURNED_HOME),
            2,
            "c2"));
    assertThat(store.verifier.verify().intact()).isTrue();
  }

  @Test
  void the_audit_view_shows_it_as_stored_and_as_read_today() {
    AuditEvents.Page page =
        store.auditEvents.list(new AuditEvents.Query(intake, null, null, null, null, 0, 50), null);

    JsonNode placed = page.events().get(1);
    assertThat(placed.path("revision").asInt()).isEqualTo(1);
    assertThat(placed.path("payload").has("expectedLastDay")).isFalse();
    assertThat(placed.path("hash").isTextual()).isTrue();
    assertThat(placed.path("readAs").path("revision").asInt()).isEqualTo(2);
    assertThat(placed.path("readAs").path("payload").path("facilityId").asText())
        .isEqualTo(FACILITY);
    assertThat(placed.path("readAs").path("payload").has("expectedLastDay")).isTrue();
    assertThat(placed.path("readAs").path("payload").path("expectedLastDay").isNull()).isTrue();
    assertThat(page.events().get(0).has("readAs"))
        .as("an event of the current revision is shown once")
        .isFalse();
  }
}
