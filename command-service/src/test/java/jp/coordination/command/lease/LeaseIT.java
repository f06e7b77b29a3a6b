package jp.coordination.command.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances contending for one lease on the MongoDB stand-in, each with its own monotonic
 * clock, moved by the test: no instance ever reads another's clock.
 */
class LeaseIT {
  private static final Duration DURATION = Duration.ofSeconds(15);

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private MongoCollection<Document> leases;
  private final AtomicLong clockOfA = new AtomicLong(1_000_000_000L);
  // B's clock reads something else entirely: only durations measured on one clock matter.
  private final AtomicLong clockOfB = new AtomicLong(-7_000_000_000_000L);
  private Lease a;
  private Lease b;

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
  void twoInstances() {
    leases = client.getDatabase("leases_" + System.nanoTime()).getCollection("leases");
    a = new Lease(leases, "publication-relay", "instance-a", DURATION, clockOfA::get);
    b = new Lease(leases, "publication-relay", "instance-b", DURATION, clockOfB::get);
  }

  private void elapse(Duration duration) {
    clockOfA.addAndGet(duration.toNanos());
    clockOfB.addAndGet(duration.toNanos());
  }

  @Test
  void only_one_instance_holds_the_lease() {
    assertThat(a.tick()).isTrue();
    assertThat(b.tick()).isFalse();
    for (int i = 0; i < 10; i++) {
      elapse(a.renewEvery());
      assertThat(a.tick()).isTrue();
      assertThat(b.tick()).isFalse();
    }
    assertThat(a.held()).isTrue();
    assertThat(b.held()).isFalse();
    assertThat(a.epoch()).isEqualTo(1);
  }

  @Test
  void a_holder_that_stops_renewing_is_replaced_after_the_duration_seen_by_the_other_instance() {
    a.tick();
    b.tick(); // B first sees A's lease now
    elapse(DURATION.minusSeconds(1));
    assertThat(b.tick())
        .as("not yet: B has seen it unchanged for less than the duration")
        .isFalse();
    elapse(Duration.ofSeconds(2));

    assertThat(b.tick()).isTrue();
    assertThat(b.epoch()).isEqualTo(2);
    assertThat(leases.find().first())
        .containsEntry("owner", "instance-b")
        .containsEntry("epoch", 2L);
  }

  @Test
  void
      a_paused_holder_counts_itself_out_before_anyone_can_take_over_and_cannot_renew_a_lease_it_lost() {
    a.tick();
    b.tick();
    // A is stopped (SIGSTOP, a long GC pause): it renews no more, while its own clock goes on.
    elapse(DURATION.dividedBy(2));
    assertThat(a.held()).as("half the duration without renewal: A acts no more").isFalse();
    assertThat(b.tick()).as("while B still waits").isFalse();
    elapse(DURATION.dividedBy(2).plusSeconds(1));
    assertThat(b.tick()).isTrue();

    // A wakes up and renews: the epoch is no longer its own.
    assertThat(a.tick()).isFalse();
    assertThat(a.held()).isFalse();
    assertThat(b.held()).isTrue();
    assertThat(leases.find().first()).containsEntry("owner", "instance-b");
  }

  @Test
  void a_holder_renewing_in_time_is_never_taken_over_however_different_the_clocks() {
    a.tick();
    for (int i = 0; i < 20; i++) {
      b.tick();
      clockOfA.addAndGet(a.renewEvery().toNanos());
      clockOfB.addAndGet(
          DURATION.toNanos()); // B's clock runs fast: each of its looks is a full duration later
      assertThat(a.tick()).isTrue();
    }
    assertThat(b.tick()).isFalse();
    assertThat(a.held()).isTrue();
  }

  @Test
  void a_released_lease_is_taken_at_once_by_the_next_instance() {
    a.tick();
    b.tick();
    a.release();

    assertThat(b.tick()).isTrue();
    assertThat(b.epoch()).isEqualTo(1);
    assertThat(a.held()).isFalse();
  }
}
