package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import jp.coordination.platform.readiness.ReadinessStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class ConsumerHealthTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerMetrics metrics = new ConsumerMetrics(registry, Clock.systemUTC());
  private final ConsumerHealth health = new ConsumerHealth(metrics, () -> true, 100);

  @Test
  void a_consumer_within_its_threshold_is_up_with_its_lag_the_gauges_figures() {
    metrics.consumerLag("events", 0, 40);
    metrics.consumerLag("events", 1, 60);

    Health answer = health.health();

    assertThat(answer.getStatus()).isEqualTo(Status.UP);
    assertThat(answer.getDetails())
        .containsEntry("lag", 100L)
        .containsEntry("lagByPartition", Map.of(0, 40L, 1, 60L));
    assertThat(registry.get("coordination.consumer.lag").tag("partition", "1").gauge().value())
        .isEqualTo(60);
  }

  @Test
  void a_consumer_past_its_threshold_is_degraded_but_never_down() {
    metrics.consumerLag("events", 0, 101);

    assertThat(health.health().getStatus())
        .isEqualTo(ReadinessStatus.DEGRADED)
        .isNotEqualTo(Status.DOWN);
  }

  @Test
  void a_partition_moved_to_another_instance_no_longer_counts_here() {
    metrics.consumerLag("events", 0, 500);
    metrics.consumerLag("events", 1, 5);

    metrics.onlyAssigned(Set.of(1));

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("lag", 5L);
    assertThat(registry.get("coordination.consumer.lag").tag("partition", "0").gauge().value())
        .isZero();
  }

  @Test
  void an_instance_that_does_not_consume_says_so_and_is_up() {
    Health answer = new ConsumerHealth(metrics, () -> false, 100).health();

    assertThat(answer.getStatus()).isEqualTo(Status.UP);
    assertThat(answer.getDetails().get("consumer").toString()).startsWith("off on this instance");
  }
}
