package jp.coordination.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.publication.PendingPublications.Marker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingPublicationsIT {
  private static final AtomicInteger DELETES = new AtomicInteger();
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private PendingPublications pending;

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
                        if (event.getCommandName().equals("delete")) {
                          DELETES.incrementAndGet();
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
  void newCollection() {
    EventStreamCollections collections =
        new EventStreamCollections(client.getDatabase("markers_" + System.nanoTime()));
    pending = new PendingPublications(collections.publicationPending(), Clock.systemUTC());
  }

  @Test
  void removes_many_unchanged_markers_with_one_round_trip() {
    for (int i = 0; i < 20; i++) {
      pending.beforeAppend("aggregate-" + i, 0, 2);
    }
    List<Marker> read = pending.list(100);
    DELETES.set(0);

    assertThat(pending.removeAllIfUnchanged(read)).isTrue();

    assertThat(DELETES).hasValue(1);
    assertThat(pending.list(100)).isEmpty();
  }

  @Test
  void a_marker_a_writer_touched_after_it_was_read_is_kept_and_the_shortfall_reported() {
    pending.beforeAppend("a", 0, 0);
    pending.beforeAppend("b", 0, 0);
    pending.beforeAppend("c", 0, 0);
    List<Marker> read = pending.list(10);
    // A writer appends to b between the relay's read and its clean-up, even without raising upTo.
    pending.beforeAppend("b", 0, 0);

    assertThat(pending.removeAllIfUnchanged(read)).isFalse();

    assertThat(pending.list(10)).extracting(Marker::aggregateId).containsExactly("b");
  }

  @Test
  void nothing_to_remove_costs_no_round_trip() {
    DELETES.set(0);
    assertThat(pending.removeAllIfUnchanged(List.of())).isTrue();
    assertThat(DELETES).hasValue(0);
  }
}
