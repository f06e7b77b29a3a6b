package jp.coordination.platform.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class KafkaReadinessTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  private final AtomicLong now = new AtomicLong();

  /** Every look the indicator started, in order; the test answers them. */
  private final List<CompletableFuture<Collection<Node>>> looks = new ArrayList<>();

  private KafkaReadiness readiness() {
    return new KafkaReadiness(
        timeout -> {
          CompletableFuture<Collection<Node>> look = new CompletableFuture<>();
          synchronized (looks) {
            looks.add(look);
          }
          return look;
        },
        TIMEOUT,
        CACHE_FOR,
        now::get);
  }

  private static List<Node> brokers(int count) {
    List<Node> nodes = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      nodes.add(new Node(id, "broker-" + id, 9092));
    }
    return nodes;
  }

  @Test
  void answering_brokers_are_up_and_counted() {
    KafkaReadiness readiness = readiness();
    readiness.health(); // starts the look, gets no answer in time
    looks.get(0).complete(brokers(3));

    Health health = readiness.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("brokers", 3);
  }

  @Test
  void an_answer_is_given_again_until_it_is_stale_then_the_next_probe_looks_afresh() {
    KafkaReadiness readiness = readiness();
    readiness.health();
    looks.get(0).complete(brokers(1));

    now.addAndGet(CACHE_FOR.toNanos() - 1);
    assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    assertThat(looks).hasSize(1);

    now.addAndGet(1);
    readiness.health();
    assertThat(looks).hasSize(2);
  }

  @Test
  void probes_during_a_look_wait_for_it_no_longer_than_the_timeout_and_start_no_other()
      throws Exception {
    KafkaReadiness readiness = readiness();
    ExecutorService probes = Executors.newFixedThreadPool(8);
    try {
      List<Future<Health>> answers = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 8; i++) {
        answers.add(probes.submit(readiness::health));
      }
      for (Future<Health> answer : answers) {
        Health health = answer.get();
        assertThat(health.getStatus()).isEqualTo(ReadinessStatus.DEGRADED);
        assertThat(health.getDetails().get("error").toString()).contains("no answer within");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
      assertThat(looks).hasSize(1);
    } finally {
      probes.shutdownNow();
    }
  }

  @Test
  void unreachable_brokers_degrade_readiness_but_never_fail_it() {
    KafkaReadiness readiness = readiness();
    readiness.health();
    looks
        .get(0)
        .completeExceptionally(new TimeoutException("Timed out waiting for a node assignment."));

    Health health = readiness.health();

    assertThat(health.getStatus()).isEqualTo(ReadinessStatus.DEGRADED).isNotEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("error").toString())
        .contains("Timed out waiting for a node assignment");
    // A failed look is kept as long as an answer: a broker that is down is not asked at every
    // probe.
    readiness.health();
    assertThat(looks).hasSize(1);
  }

  @Test
  void the_admin_client_gives_up_on_brokers_that_are_not_there_within_the_timeout()
      throws Exception {
    // Nothing listens on port 1.
    try (KafkaReadiness readiness =
        new KafkaReadiness(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
            Duration.ofMillis(300),
            CACHE_FOR)) {
      long start = System.nanoTime();

      Health health = readiness.health();

      assertThat(health.getStatus()).isEqualTo(ReadinessStatus.DEGRADED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }
}
