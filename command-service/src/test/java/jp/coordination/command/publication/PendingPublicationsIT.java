package jp.coordination.command.publication;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.MongoEventStorageEngine;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.publication.PendingPublications.Pending;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingPublicationsIT {
  private static final List<CommandStartedEvent> COMMANDS = new ArrayList<>();
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private EventStreamCollections collections;
  private PendingPublications pending;
  private MongoEventStorageEngine engine;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(
                    new CommandListener() {
                      @Override
                      public void commandStarted(CommandStartedEvent event) {
                        synchronized (COMMANDS) {
                          COMMANDS.add(event);
                        }
                      }
                    })
                .build());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void newStore() {
    collections = new EventStreamCollections(client.getDatabase("pending_" + System.nanoTime()));
    pending = new PendingPublications(collections, Clock.systemUTC());
    engine =
        new MongoEventStorageEngine(
            collections.streams(),
            new StreamCache(collections.streams(), storedEvents, 100),
            storedEvents,
            pending,
            Clock.systemUTC(),
            new SimpleMeterRegistry());
  }

  private void append(String id, long version) {
    for (long sequence = 0; sequence < version; sequence++) {
      engine.appendEvents(
          applied(
              sequence == 0 ? registered(id, "AOBA") : moved(id, "AOBA", "AOBA"),
              sequence,
              id + "-" + sequence));
    }
  }

  private List<CommandStartedEvent> commandsDuring(Runnable action) {
    synchronized (COMMANDS) {
      COMMANDS.clear();
    }
    action.run();
    synchronized (COMMANDS) {
      return COMMANDS.stream()
          .filter(c -> !c.getCommandName().equals("createIndexes"))
          .collect(Collectors.toList());
    }
  }

  @Test
  void pending_streams_are_listed_by_one_filter_on_exactly_the_unique_sparse_pending_index() {
    append("a", 2);
    append("b", 1);
    pending.settle(Map.of("b", 1L));

    List<CommandStartedEvent> sent = commandsDuring(() -> pending.list(10));

    assertThat(sent)
        .singleElement()
        .satisfies(
            find -> {
              BsonDocument filter = find.getCommand().getDocument("filter");
              assertThat(filter.keySet()).containsExactly(StoredEvents.PENDING);
              assertThat(filter.get(StoredEvents.PENDING).isRegularExpression())
                  .as("a regular expression, which the stand-in answers from the index's entries")
                  .isTrue();
              assertThat(find.getCommand().getDocument("projection").keySet())
                  .as("the listing leaves the events in the store")
                  .doesNotContain(StoredEvents.EVENTS)
                  .isNotEmpty();
            });
    Document index =
        collections.streams().listIndexes().into(new ArrayList<>()).stream()
            .filter(i -> i.getString("name").equals(PendingPublications.INDEX))
            .findFirst()
            .orElseThrow();
    assertThat(index.get("key", Document.class)).isEqualTo(new Document(StoredEvents.PENDING, 1));
    assertThat(index.getBoolean("unique")).isTrue();
    assertThat(index.getBoolean("sparse")).isTrue();
    assertThat(pending.list(10))
        .singleElement()
        .satisfies(
            stream -> {
              assertThat(stream.aggregateId()).isEqualTo("a");
              assertThat(stream.version()).isEqualTo(2);
              assertThat(stream.published()).isZero();
              assertThat(stream.since()).isAfter(Instant.EPOCH);
            });
  }

  @Test
  void
      settling_many_streams_raises_their_published_versions_and_clears_their_marks_in_one_round_trip() {
    for (int i = 0; i < 20; i++) {
      append("aggregate-" + i, 2);
    }
    Map<String, Long> versions =
        pending.list(100).stream()
            .collect(Collectors.toMap(Pending::aggregateId, Pending::version));

    List<CommandStartedEvent> sent =
        commandsDuring(() -> assertThat(pending.settle(versions)).isTrue());

    assertThat(sent)
        .singleElement()
        .satisfies(c -> assertThat(c.getCommandName()).isEqualTo("update"));
    assertThat(pending.list(100)).isEmpty();
    Document stream = collections.streams().find(Filters.eq("_id", "aggregate-7")).first();
    assertThat(PublishedVersions.of(stream)).isEqualTo(2);
    assertThat(stream).doesNotContainKeys(StoredEvents.PENDING, StoredEvents.PENDING_SINCE);
  }

  @Test
  void
      a_stream_a_writer_appended_to_after_it_was_listed_keeps_its_mark_and_the_shortfall_is_reported() {
    append("a", 1);
    append("b", 1);
    append("c", 1);
    Map<String, Long> versions =
        pending.list(10).stream().collect(Collectors.toMap(Pending::aggregateId, Pending::version));
    // A writer appends to b between the relay's listing and its settling.
    engine.appendEvents(applied(moved("b", "AOBA", "IZUMI"), 1, "late"));

    assertThat(pending.settle(versions)).isFalse();

    assertThat(pending.list(10))
        .singleElement()
        .satisfies(
            stream -> {
              assertThat(stream.aggregateId()).isEqualTo("b");
              assertThat(stream.version()).isEqualTo(2);
            });
  }

  @Test
  void nothing_to_settle_costs_no_round_trip() {
    assertThat(commandsDuring(() -> assertThat(pending.settle(Map.of())).isTrue())).isEmpty();
  }

  @Test
  void a_stream_is_marked_again_only_at_the_version_it_was_found_behind_at() {
    append("a", 2);
    pending.settle(Map.of("a", 2L));
    collections
        .streams()
        .updateOne(
            Filters.eq("_id", "a"),
            new Document("$set", new Document(PublishedVersions.PUBLISHED, 0)));

    assertThat(pending.markAgain("a", 1)).as("an append changed it since").isFalse();
    assertThat(pending.list(10)).isEmpty();
    assertThat(pending.markAgain("a", 2)).isTrue();
    assertThat(pending.list(10)).extracting(Pending::aggregateId).containsExactly("a");
  }

  @Test
  void markers_of_the_former_layout_are_moved_onto_their_streams_keeping_their_age() {
    append("old", 1);
    pending.settle(Map.of("old", 1L));
    Date since = Date.from(Instant.parse("2026-11-01T00:00:00Z"));
    // What the former layout left: a marker in publication_pending, the stream unmarked.
    collections
        .publicationPending()
        .insertMany(
            List.of(
                new Document("_id", "old")
                    .append("from", 1L)
                    .append("upTo", 1L)
                    .append("rev", 1L)
                    .append("touchedAt", since)
                    .append("since", since),
                new Document("_id", "never-stored")
                    .append("from", 0L)
                    .append("upTo", 0L)
                    .append("rev", 1L)
                    .append("touchedAt", since)
                    .append("since", since)));

    assertThat(pending.moveLegacyMarkers()).isEqualTo(2);

    assertThat(collections.publicationPending().countDocuments()).isZero();
    assertThat(pending.list(10))
        .singleElement()
        .satisfies(
            stream -> {
              assertThat(stream.aggregateId()).isEqualTo("old");
              assertThat(stream.since()).isEqualTo(since.toInstant());
            });
    assertThat(collections.streams().countDocuments(Filters.eq("_id", "never-stored"))).isZero();
  }
}
