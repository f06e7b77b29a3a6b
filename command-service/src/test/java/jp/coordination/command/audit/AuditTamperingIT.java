package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.command.audit.BrokenEvent.Problem;
import jp.coordination.command.eventstore.EventHashChain;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering directly in MongoDB, bypassing the services, is detected and the first broken event
 * named: by the integrity check and by the command-line verifier.
 */
class AuditTamperingIT {
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private AuditStoreFixture store;

  /** A household with four events (0..3), and two bystanders. */
  private String id;

  private List<String> eventIds;

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
  void storeWithEvents() {
    store = new AuditStoreFixture(client);
    id = newId();
    store.engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    store.engine.appendEvents(
        applied(moved(id, "AOBA", "IZUMI"), 1, "c2"),
        applied(moved(id, "IZUMI", "TAIHAKU"), 2, "c2"));
    store.engine.appendEvents(applied(moved(id, "TAIHAKU", "AOBA"), 3, "c3"));
    for (int i = 0; i < 2; i++) {
      String other = newId();
      store.engine.appendEvents(applied(registered(other, "IZUMI"), 0, "o" + i));
    }
    eventIds = store.events(id).stream().map(e -> e.getString("eventId")).toList();
  }

  @Test
  void an_untouched_store_is_intact() {
    IntegrityReport report = store.verifier.verify();

    assertThat(report.intact()).isTrue();
    assertThat(report.events()).isEqualTo(6);
    assertThat(report.streams()).isEqualTo(3);
    assertThat(report.firstBroken()).isNull();
  }

  @Test
  void each_event_chains_from_its_predecessor_across_appends() {
    List<Document> events = store.events(id);
    String previous = EventHashChain.GENESIS;
    for (Document event : events) {
      String requestHash = event.getString("requestHash");
      String expected =
          EventHashChain.next(
              previous,
              new EventCodec().encode(store.storedEvents.fromDocument(event)),
              requestHash);
      assertThat(event.getString("hash")).isEqualTo(expected);
      previous = expected;
    }
    assertThat(store.stream(id).getString("headHash")).isEqualTo(previous);
  }

  @Test
  void an_edited_payload_field_is_a_hash_mismatch_at_that_event() {
    store
        .streams()
        .updateOne(Filters.eq("_id", id), Updates.set("events.1.payload.toWard", "WAKABAYASHI"));

    assertFirstBroken(store.verifier.verify(), Problem.HASH_MISMATCH, 1, eventIds.get(1));
  }

  @Test
  void an_edited_actor_is_a_hash_mismatch_at_that_event() {
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events.2.actor", "someone-else"));

    assertFirstBroken(store.verifier.verify(), Problem.HASH_MISMATCH, 2, eventIds.get(2));
  }

  @Test
  void an_edited_encrypted_personal_data_field_is_a_hash_mismatch() {
    store
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.set("events.0.payload.personalData.ciphertext", "QW5vdGhlciBwZXJzb24="));

    assertFirstBroken(store.verifier.verify(), Problem.HASH_MISMATCH, 0, eventIds.get(0));
  }

  @Test
  void an_added_field_is_not_canonical() {
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events.3.note", "added later"));

    assertFirstBroken(store.verifier.verify(), Problem.NOT_CANONICAL, 3, eventIds.get(3));
  }

  @Test
  void a_deleted_event_is_missing_at_its_sequence() {
    List<Document> events = new ArrayList<>(store.events(id));
    events.remove(1);
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events", events));

    assertFirstBroken(store.verifier.verify(), Problem.MISSING, 1, null);
  }

  @Test
  void the_newest_event_deleted_with_version_fixed_is_caught_by_the_stream_head() {
    List<Document> events = new ArrayList<>(store.events(id));
    events.remove(3);
    store
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(Updates.set("events", events), Updates.set("version", 3)));

    assertFirstBroken(store.verifier.verify(), Problem.STREAM_HEAD_MISMATCH, 2, eventIds.get(2));
  }

  @Test
  void two_swapped_events_are_reordered_at_the_first_of_them() {
    List<Document> events = new ArrayList<>(store.events(id));
    Document second = events.get(1);
    events.set(1, events.get(2));
    events.set(2, second);
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events", events));

    assertFirstBroken(store.verifier.verify(), Problem.REORDERED, 1, eventIds.get(2));
  }

  @Test
  void swapped_contents_with_sequences_kept_are_a_hash_mismatch() {
    List<Document> events = new ArrayList<>(store.events(id));
    Document second = new Document(events.get(1));
    Document third = new Document(events.get(2));
    second.put("sequence", 2L);
    third.put("sequence", 1L);
    third.put("hash", events.get(1).getString("hash"));
    second.put("hash", events.get(2).getString("hash"));
    events.set(1, third);
    events.set(2, second);
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events", events));

    assertFirstBroken(store.verifier.verify(), Problem.HASH_MISMATCH, 1, eventIds.get(2));
  }

  @Test
  void an_inserted_event_is_named() {
    List<Document> events = new ArrayList<>(store.events(id));
    Document forged = new Document(events.get(1));
    forged.put("eventId", newId());
    events.add(2, forged);
    store.streams().updateOne(Filters.eq("_id", id), Updates.set("events", events));

    assertFirstBroken(store.verifier.verify(), Problem.INSERTED, 2, forged.getString("eventId"));
  }

  @Test
  void an_event_appended_behind_the_services_back_is_named() {
    Document forged = new Document(store.events(id).get(3));
    forged.put("eventId", newId());
    forged.put("sequence", 4L);
    store
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(Updates.push("events", forged), Updates.set("version", 5)));

    assertFirstBroken(
        store.verifier.verify(), Problem.HASH_MISMATCH, 4, forged.getString("eventId"));
  }

  @Test
  void a_deleted_stream_is_missing_against_the_checkpoint() {
    store.checkpoints.create();
    store.streams().deleteOne(Filters.eq("_id", id));

    IntegrityReport report = store.verifier.verify();
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBroken().problem()).isEqualTo(Problem.STREAM_MISSING);
    assertThat(report.firstBroken().aggregateId()).isEqualTo(id);
    assertThat(report.checkpoint().number()).isEqualTo(1);
  }

  @Test
  void a_stream_truncated_and_rechained_is_caught_by_the_checkpoint() {
    store.checkpoints.create();
    List<Document> events = new ArrayList<>(store.events(id)).subList(0, 2);
    store
        .streams()
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(
                Updates.set("events", events),
                Updates.set("version", 2),
                Updates.set("headHash", events.get(1).getString("hash"))));

    IntegrityReport report = store.verifier.verify();
    assertFirstBroken(report, Problem.TRUNCATED, 2, null);
  }

  @Test
  void a_chain_rebuilt_after_an_edit_is_caught_by_the_checkpoint() {
    store.checkpoints.create();
    rewriteWithRecomputedChain(id, 1, "actor", "someone-else");

    IntegrityReport withoutCheckpoint =
        new IntegrityVerifier(
                store.streams(),
                store.storedEvents,
                new Checkpoints(
                    store.streams(),
                    store.database.getCollection("no_checkpoints"),
                    store.clock,
                    null),
                store.clock)
            .verify();
    assertThat(withoutCheckpoint.intact())
        .isTrue(); // the chain alone cannot tell: AUDIT.md says so
    assertFirstBroken(store.verifier.verify(), Problem.REWRITTEN, 3, eventIds.get(3));
  }

  @Test
  void an_altered_stored_checkpoint_breaks_the_checkpoint_chain() {
    store.checkpoints.create();
    store.checkpoints.create();
    store
        .database
        .getCollection(Checkpoints.COLLECTION)
        .updateOne(Filters.eq("_id", 1L), Updates.set("events", 99L));

    IntegrityReport report = store.verifier.verify();
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBroken().problem()).isEqualTo(Problem.CHECKPOINT_CHAIN_BROKEN);
  }

  @Test
  void a_checkpoint_rewritten_without_the_key_fails_its_hmac() {
    store.checkpoints.create();
    Checkpoints forger =
        new Checkpoints(
            store.streams(),
            store.database.getCollection(Checkpoints.COLLECTION),
            store.clock,
            null);
    store.database.getCollection(Checkpoints.COLLECTION).deleteMany(new Document());
    forger.create();

    IntegrityReport report = store.verifier.verify();
    assertThat(report.firstBroken().problem()).isEqualTo(Problem.CHECKPOINT_CHAIN_BROKEN);
    assertThat(report.firstBroken().detail()).contains("HMAC");
  }

  // Deleting checkpoints, and nothing else: each deletion is caught, by the store's own record of
  // its newest number where the deletion left that, and otherwise by the last checkpoint known
  // outside MongoDB (its number and hash, or the exported file).

  @Test
  void deleting_the_newest_checkpoint_is_caught_by_the_newest_number_the_store_recorded() {
    takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 3L));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "3");
  }

  @Test
  void deleting_the_newest_checkpoint_and_its_record_is_caught_by_the_last_known_checkpoint() {
    List<Checkpoint> taken = takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 3L));
    checkpointCollection().updateOne(Filters.eq("_id", "latest"), Updates.set("number", 2L));

    // The store alone now reads as a consistent chain of two: only an outside reference tells.
    assertThat(store.verifier.verify().intact()).isTrue();
    IntegrityReport report = store.verifier.verify(known(taken.get(2)));
    assertCheckpointProblem(report, Problem.CHECKPOINT_MISSING, "3");
    assertThat(report.firstBroken().detail()).contains("ends at checkpoint 2");
  }

  @Test
  void the_last_known_checkpoint_still_in_the_store_with_its_hash_is_intact() {
    List<Checkpoint> taken = takeCheckpoints(3);

    assertThat(store.verifier.verify(known(taken.get(2))).intact()).isTrue();
    assertThat(store.verifier.verify(known(taken.get(0))).intact()).isTrue();
  }

  @Test
  void deleting_a_middle_checkpoint_is_a_gap_in_the_numbering() {
    takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 2L));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "2");
  }

  @Test
  void deleting_a_middle_checkpoint_and_the_record_of_the_newest_is_still_a_gap() {
    takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 2L));
    checkpointCollection().deleteOne(Filters.eq("_id", "latest"));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "2");
  }

  @Test
  void a_chain_not_starting_at_checkpoint_1_is_caught() {
    takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 1L));
    checkpointCollection().deleteOne(Filters.eq("_id", "latest"));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "1");
  }

  @Test
  void deleting_every_checkpoint_is_caught_by_the_newest_number_the_store_recorded() {
    takeCheckpoints(3);
    checkpointCollection().deleteMany(Filters.ne("_id", "latest"));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "3");
  }

  @Test
  void deleting_every_checkpoint_and_the_record_is_caught_by_the_last_known_checkpoint() {
    List<Checkpoint> taken = takeCheckpoints(3);
    checkpointCollection().deleteMany(new Document());

    assertThat(store.verifier.verify().intact()).isTrue(); // reads as a store never checkpointed
    assertCheckpointProblem(
        store.verifier.verify(known(taken.get(2))), Problem.CHECKPOINT_MISSING, "3");
  }

  @Test
  void a_checkpoint_taken_after_the_newest_was_deleted_does_not_close_the_gap() {
    takeCheckpoints(3);
    checkpointCollection().deleteOne(Filters.eq("_id", 3L));

    Checkpoint next = store.checkpoints.create();

    assertThat(next.number()).isEqualTo(4);
    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_MISSING, "3");
  }

  @Test
  void a_checkpoint_without_its_previous_hash_link_breaks_the_chain() {
    takeCheckpoints(3);
    checkpointCollection().updateOne(Filters.eq("_id", 2L), Updates.unset("previousHash"));

    assertCheckpointProblem(store.verifier.verify(), Problem.CHECKPOINT_CHAIN_BROKEN, "2");
  }

  @Test
  void an_unsigned_chain_rebuilt_with_the_same_numbers_fails_the_last_known_hash() {
    Checkpoints unsigned =
        new Checkpoints(store.streams(), checkpointCollection(), store.clock, null);
    IntegrityVerifier verifier =
        new IntegrityVerifier(store.streams(), store.storedEvents, unsigned, store.clock);
    unsigned.create();
    Checkpoint second = unsigned.create();
    rewriteWithRecomputedChain(id, 0, "actor", "someone-else");
    checkpointCollection().deleteMany(new Document());
    unsigned.create();
    unsigned.create();
    assertThat(verifier.verify().intact()).isTrue();

    assertCheckpointProblem(verifier.verify(known(second)), Problem.CHECKPOINT_ALTERED, "2");
  }

  @Test
  void the_command_line_verifier_fails_when_the_store_chain_is_shorter_than_the_given_checkpoint() {
    String uri = mongo.connectionString() + "/" + store.database.getName();
    List<Checkpoint> taken = takeCheckpoints(3);
    String[] given = {uri, "--checkpoint", "3", "--checkpoint-hash", taken.get(2).hash()};

    Output intact = run(given);
    assertThat(intact.status).as(intact.err).isZero();

    checkpointCollection().deleteOne(Filters.eq("_id", 3L));
    checkpointCollection().updateOne(Filters.eq("_id", "latest"), Updates.set("number", 2L));
    Output broken = run(given);
    assertThat(broken.status).as(broken.err).isEqualTo(1);
    assertThat(broken.out).contains("CHECKPOINT_MISSING");
  }

  @Test
  void the_command_line_verifier_refuses_a_checkpoint_number_without_its_hash() {
    String uri = mongo.connectionString() + "/" + store.database.getName();
    takeCheckpoints(1);

    assertThat(run(uri, "--checkpoint", "1").status).isEqualTo(2);
    assertThat(run(uri, "--checkpoint", "1", "--checkpoint-hash", "not-hex").status).isEqualTo(2);
  }

  @Test
  void the_command_line_verifier_gives_the_same_verdict_and_compares_with_an_exported_checkpoint(
      @TempDir Path dir) throws Exception {
    String uri = mongo.connectionString() + "/" + store.database.getName();
    store.checkpoints.create();
    Output export = run("--export", uri);
    assertThat(export.status).isZero();
    Path file = dir.resolve("checkpoint.json");
    Files.writeString(file, export.out);

    Output intact = run(uri, file.toString());
    assertThat(intact.status).as(intact.err).isZero();
    assertThat(new ObjectMapper().readTree(intact.out).get("intact").asBoolean()).isTrue();

    // Someone with write access rebuilds the chain and takes a fresh checkpoint over it; the
    // exported checkpoint still tells.
    rewriteWithRecomputedChain(id, 0, "actor", "someone-else");
    store.database.getCollection(Checkpoints.COLLECTION).deleteMany(new Document());
    store.checkpoints.create();
    assertThat(store.verifier.verify().intact()).isTrue();

    Output broken = run(uri, file.toString());
    assertThat(broken.status).isEqualTo(1);
    var report = new ObjectMapper().readTree(broken.out);
    assertThat(report.get("intact").asBoolean()).isFalse();
    assertThat(report.at("/firstBroken/problem").asText()).isEqualTo("REWRITTEN");
    assertThat(report.at("/firstBroken/aggregateId").asText()).isEqualTo(id);
  }

  private record Output(int status, String out, String err) {}

  private static Output run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditVerifier.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Edits one field of one event and recomputes the whole chain, as a knowing attacker would. */
  private void rewriteWithRecomputedChain(
      String aggregateId, int position, String field, String value) {
    List<Document> events = new ArrayList<>(store.events(aggregateId));
    events.get(position).put(field, value);
    String previous = EventHashChain.GENESIS;
    for (Document event : events) {
      previous =
          EventHashChain.next(
              previous,
              new EventCodec().encode(store.storedEvents.fromDocument(event)),
              event.getString("requestHash"));
      event.put("hash", previous);
    }
    store
        .streams()
        .updateOne(
            Filters.eq("_id", aggregateId),
            Updates.combine(Updates.set("events", events), Updates.set("headHash", previous)));
  }

  private List<Checkpoint> takeCheckpoints(int count) {
    List<Checkpoint> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      taken.add(store.checkpoints.create());
    }
    return taken;
  }

  private com.mongodb.client.MongoCollection<Document> checkpointCollection() {
    return store.database.getCollection(Checkpoints.COLLECTION);
  }

  private static KnownCheckpoint known(Checkpoint checkpoint) {
    return new KnownCheckpoint(checkpoint.number(), checkpoint.hash());
  }

  private static void assertCheckpointProblem(
      IntegrityReport report, Problem problem, String number) {
    assertThat(report.intact()).isFalse();
    BrokenEvent broken = report.firstBroken();
    assertThat(broken.problem()).as(broken.detail()).isEqualTo(problem);
    assertThat(broken.aggregateId()).isNull();
    assertThat(broken.detail()).containsPattern("\\b" + number + "\\b");
  }

  private void assertFirstBroken(
      IntegrityReport report, Problem problem, long sequence, String eventId) {
    assertThat(report.intact()).isFalse();
    BrokenEvent broken = report.firstBroken();
    assertThat(broken.problem()).as(broken.detail()).isEqualTo(problem);
    assertThat(broken.aggregateId()).isEqualTo(id);
    assertThat(broken.sequence()).isEqualTo(sequence);
    assertThat(broken.eventId()).isEqualTo(eventId);
  }
}
