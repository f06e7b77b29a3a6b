package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoEventStorageEngineIT {
  private static final Instant NOW = Instant.parse("2026-04-01T09:31:02.123456789Z");

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private EventStreamCollections collections;
  private StoredEvents storedEvents;
  private PendingPublications pending;
  private SimpleMeterRegistry meters;
  private MongoEventStorageEngine engine;
  private MongoEventStreams eventStreams;
  private StreamCache cache;

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
  void newStore() {
    collections = new EventStreamCollections(client.getDatabase("store_" + System.nanoTime()));
    storedEvents = new StoredEvents(new EventCodec());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    pending = new PendingPublications(collections, clock);
    meters = new SimpleMeterRegistry();
    cache = new StreamCache(collections.streams(), storedEvents, 1000);
    engine =
        new MongoEventStorageEngine(
            collections.streams(), cache, storedEvents, pending, clock, meters);
    eventStreams = new MongoEventStreams(cache);
  }

  @Test
  void a_stale_cache_entry_fails_the_append_as_a_conflict_and_the_retry_reads_the_stored_stream() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    MongoEventStorageEngine otherInstance =
        new MongoEventStorageEngine(
            collections.streams(),
            new StreamCache(collections.streams(), storedEvents, 10),
            storedEvents,
            pending,
            Clock.fixed(NOW, ZoneOffset.UTC),
            meters);
    otherInstance.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"));
    assertThat(engine.readEvents(id).asStream()).as("this instance's cache is behind").hasSize(1);

    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "AOBA", "TAIHAKU"), 1, "c3")))
        .isInstanceOf(ConcurrencyException.class);

    Document stored = collections.streams().find(Filters.eq("_id", id)).first();
    assertThat(StoredEvents.versionOf(stored)).isEqualTo(2);
    assertThat(StoredEvents.eventsOf(stored).get(1).getString("causationId")).isEqualTo("c2");
    assertThat(engine.readEvents(id).asStream()).as("the conflict evicted the entry").hasSize(2);
    engine.appendEvents(applied(moved(id, "IZUMI", "TAIHAKU"), 2, "c3"));
    assertThat(StoredEvents.versionOf(collections.streams().find(Filters.eq("_id", id)).first()))
        .isEqualTo(3);
  }

  @Test
  void a_command_is_not_appended_at_another_version_than_its_scope_was_checked_on() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"));
    DomainEventMessage<?> checkedAtVersionOne =
        applied(moved(id, "IZUMI", "TAIHAKU"), 2, "c3")
            .andMetaData(
                Map.of(CommandMetadata.SCOPE_CHECKED, CommandMetadata.scopeChecked(id, 1)));

    assertThatThrownBy(() -> engine.appendEvents(checkedAtVersionOne))
        .isInstanceOf(ConcurrencyException.class);
    assertThat(StoredEvents.versionOf(collections.streams().find(Filters.eq("_id", id)).first()))
        .isEqualTo(2);

    engine.appendEvents(
        applied(moved(id, "IZUMI", "TAIHAKU"), 2, "c3")
            .andMetaData(
                Map.of(CommandMetadata.SCOPE_CHECKED, CommandMetadata.scopeChecked(id, 2))));
    assertThat(StoredEvents.versionOf(collections.streams().find(Filters.eq("_id", id)).first()))
        .isEqualTo(3);
  }

  @Test
  void a_command_on_a_stream_this_instance_appended_to_is_checked_and_appended_from_the_cache() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    // Behind the engine's back, as only a tamperer could: the cache is what the engine trusts.
    collections.streams().updateOne(Filters.eq("_id", id), Updates.set("headHash", "tampered"));

    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"));
    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "IZUMI", "AOBA"), 2, "c2")))
        .as("a retried command id is found in the cached stream")
        .isInstanceOf(DuplicateCommandException.class);

    Document stored = collections.streams().find(Filters.eq("_id", id)).first();
    assertThat(StoredEvents.eventsOf(stored).get(1).getString("hash"))
        .as("the new event chains from the cached head, so no read happened")
        .isEqualTo(
            EventHashChain.next(
                StoredEvents.eventsOf(stored).get(0).getString("hash"),
                storedEvents
                    .codec()
                    .encode(storedEvents.fromDocument(StoredEvents.eventsOf(stored).get(1))),
                "hash-c2"));
  }

  @Test
  void a_commands_events_are_stored_in_one_stream_with_one_recorded_time_in_milliseconds() {
    String id = newId();
    engine.appendEvents(
        applied(registered(id, "AOBA"), 0, "c1"), applied(moved(id, "AOBA", "IZUMI"), 1, "c1"));

    Document stream = collections.streams().find(Filters.eq("_id", id)).first();
    assertThat(stream.getString("aggregateType")).isEqualTo("Household");
    assertThat(StoredEvents.versionOf(stream)).isEqualTo(2);
    List<EventEnvelope> stored =
        StoredEvents.eventsOf(stream).stream().map(storedEvents::fromDocument).toList();
    assertThat(stored).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
    assertThat(stored)
        .extracting(EventEnvelope::recordedAt)
        .containsOnly(Instant.parse("2026-04-01T09:31:02.123Z"));
    assertThat(
            meters
                .counter(
                    "coordination.events.stored", "type", "HouseholdMovedWard", "ward", "IZUMI")
                .count())
        .isEqualTo(1);
  }

  @Test
  void stored_event_read_as_axon_message_gives_back_the_appended_envelope() {
    String id = newId();
    DomainEventMessage<?> first = applied(registered(id, "AOBA"), 0, "c1");
    DomainEventMessage<?> second = applied(moved(id, "AOBA", "IZUMI"), 1, "c2");
    engine.appendEvents(first);
    engine.appendEvents(second);

    List<EventEnvelope> appended =
        StoredEvents.eventsOf(collections.streams().find(Filters.eq("_id", id)).first()).stream()
            .map(storedEvents::fromDocument)
            .toList();
    List<? extends DomainEventMessage<?>> read = engine.readEvents(id).asStream().toList();

    assertThat(read)
        .extracting(DomainEventMessage::getIdentifier)
        .containsExactly(first.getIdentifier(), second.getIdentifier());
    assertThat(read)
        .map(message -> storedEvents.toEnvelope(message, message.getTimestamp()))
        .containsExactlyElementsOf(appended);
    assertThat(read.get(1).getPayload()).isEqualTo(second.getPayload());
    assertThat(engine.readEvents(id, 1).asStream().toList()).hasSize(1);
    assertThat(engine.lastSequenceNumberFor(id)).contains(1L);
    assertThat(engine.readEvents("unknown").hasNext()).isFalse();
  }

  @Test
  void two_concurrent_appends_at_the_same_version_exactly_one_wins_and_no_sequence_repeats()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 25; round++) {
        String id = newId();
        engine.appendEvents(applied(registered(id, "AOBA"), 0, "create-" + round));
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (String ward : List.of("IZUMI", "MIYAGINO")) {
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      engine.appendEvents(
                          applied(moved(id, "AOBA", ward), 1, "move-" + ward),
                          applied(moved(id, ward, "AOBA"), 2, "move-" + ward));
                      return true;
                    } catch (ConcurrencyException e) {
                      return false;
                    }
                  }));
        }
        long winners = 0;
        for (Future<Boolean> outcome : outcomes) {
          winners += outcome.get() ? 1 : 0;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
        List<? extends DomainEventMessage<?>> events = engine.readEvents(id).asStream().toList();
        assertThat(events)
            .extracting(DomainEventMessage::getSequenceNumber)
            .containsExactly(0L, 1L, 2L);
        assertThat(events.subList(1, 3))
            .extracting(m -> m.getMetaData().get(CommandMetadata.COMMAND_ID))
            .as("both events of the winner, none of the loser")
            .containsOnly(events.get(1).getMetaData().get(CommandMetadata.COMMAND_ID));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void an_append_at_an_outdated_version_stores_none_of_its_events() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"));

    assertThatThrownBy(
            () ->
                engine.appendEvents(
                    applied(moved(id, "AOBA", "TAIHAKU"), 1, "c3"),
                    applied(moved(id, "TAIHAKU", "AOBA"), 2, "c3")))
        .isInstanceOf(ConcurrencyException.class);

    assertThat(engine.readEvents(id).asStream().toList())
        .extracting(m -> m.getMetaData().get(CommandMetadata.COMMAND_ID))
        .containsExactly("c1", "c2");
  }

  @Test
  void a_command_with_an_event_that_cannot_be_stored_stores_nothing() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    var foreign =
        new GenericDomainEventMessage<>("Household", id, 2, "not an event of the contract");

    assertThatThrownBy(
            () ->
                engine.appendEvents(List.of(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"), foreign)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(engine.lastSequenceNumberFor(id)).contains(0L);
  }

  @Test
  void a_retried_command_on_an_existing_aggregate_is_refused_as_duplicate_and_stores_nothing() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2"));

    // The retry was decided on the state before its first attempt landed: same version.
    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c2")))
        .isInstanceOf(DuplicateCommandException.class);
    // ... or on the state after it: the version is right, but the command is already there.
    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "IZUMI", "AOBA"), 2, "c2")))
        .isInstanceOfSatisfying(
            DuplicateCommandException.class, e -> assertThat(e.commandId()).isEqualTo("c2"));

    assertThat(engine.lastSequenceNumberFor(id)).contains(1L);
  }

  @Test
  void a_retried_creation_is_refused_as_duplicate_and_another_creation_as_already_existing() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));

    assertThatThrownBy(() -> engine.appendEvents(applied(registered(id, "AOBA"), 0, id)))
        .isInstanceOf(DuplicateCommandException.class);
    assertThatThrownBy(() -> engine.appendEvents(applied(registered(id, "IZUMI"), 0, "other")))
        .isInstanceOfSatisfying(
            AggregateAlreadyExistsException.class, e -> assertThat(e.aggregateId()).isEqualTo(id));

    assertThat(engine.readEvents(id).asStream().toList()).hasSize(1);
  }

  @Test
  void the_pending_mark_is_written_in_the_same_document_write_as_the_events() {
    String id = newId();
    // The first append's time stays the stream's pending-since while nothing is published.
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));
    engine =
        new MongoEventStorageEngine(
            collections.streams(),
            cache,
            storedEvents,
            pending,
            Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC),
            meters);
    engine.appendEvents(
        applied(moved(id, "AOBA", "IZUMI"), 1, "c2"), applied(moved(id, "IZUMI", "AOBA"), 2, "c2"));

    Document stored = collections.streams().find(Filters.eq("_id", id)).first();
    assertThat(stored.getString(StoredEvents.PENDING)).isEqualTo(id);
    assertThat(collections.publicationPending().countDocuments())
        .as("no marker of its own")
        .isZero();
    assertThat(pending.list(10))
        .singleElement()
        .satisfies(
            mark -> {
              assertThat(mark.aggregateId()).isEqualTo(id);
              assertThat(mark.version()).isEqualTo(3);
              assertThat(mark.published()).isZero();
              assertThat(mark.since())
                  .isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            });
  }

  @Test
  void an_append_refused_before_writing_leaves_the_pending_mark_as_it_was() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, "c1"));

    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 5, "c2")))
        .isInstanceOf(ConcurrencyException.class);
    assertThatThrownBy(() -> engine.appendEvents(applied(moved(id, "AOBA", "IZUMI"), 1, "c1")))
        .isInstanceOf(DuplicateCommandException.class);

    assertThat(pending.list(10))
        .singleElement()
        .satisfies(mark -> assertThat(mark.version()).isEqualTo(1));
  }

  @Test
  void event_streams_answer_from_the_stored_streams() {
    String id = newId();
    engine.appendEvents(applied(registered(id, "AOBA"), 0, id));
    engine.appendEvents(
        applied(moved(id, "AOBA", "IZUMI"), 1, "move"),
        applied(moved(id, "IZUMI", "WAKABAYASHI"), 2, "move"));

    assertThat(eventStreams.findCommand(id, id))
        .contains(new StoredCommand("Household", id, "hash-" + id, 0, true));
    assertThat(eventStreams.findCommand(id, "move"))
        .contains(new StoredCommand("Household", id, "hash-move", 2, false));
    assertThat(eventStreams.findCommand(id, "never")).isEmpty();
    assertThat(eventStreams.findCommand("unknown", "move")).isEmpty();
    assertThat(eventStreams.aggregateTypeOf(id)).contains("Household");
    assertThat(eventStreams.aggregateTypeOf("unknown")).isEmpty();
    assertThat(eventStreams.scopeOf(id)).contains(new StreamScope("Household", "WAKABAYASHI", 3));
    assertThat(eventStreams.scopeOf("unknown")).isEmpty();
  }

  @Test
  void tracking_reads_are_refused_with_an_explanation() {
    assertThatThrownBy(() -> engine.readEvents(null, false))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Kafka");
    assertThatThrownBy(engine::createHeadToken).isInstanceOf(UnsupportedOperationException.class);
    assertThat(engine.readSnapshot("any")).isEmpty();
  }
}
