package jp.coordination.query.consumer;

import java.util.Map;
import java.util.function.BooleanSupplier;
import jp.coordination.platform.readiness.ReadinessStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The consumer's lag in the readiness details: records this instance has still to consume, the same
 * figures as the gauges {@code coordination.consumer.lag}, as of its last poll. Past {@code
 * laggingAfter} it says {@code DEGRADED}, which never makes the service unready: its read models
 * are only staler, and a query-service out of rotation would serve nothing at all, and catch up no
 * faster.
 */
final class ConsumerHealth implements HealthIndicator {
  private final ConsumerMetrics metrics;
  private final BooleanSupplier consuming;
  private final long laggingAfter;

  /**
   * @param consuming whether this instance runs the consumer
   */
  ConsumerHealth(ConsumerMetrics metrics, BooleanSupplier consuming, long laggingAfter) {
    this.metrics = metrics;
    this.consuming = consuming;
    this.laggingAfter = laggingAfter;
  }

  @Override
  public Health health() {
    if (!consuming.getAsBoolean()) {
      return Health.up()
          .withDetail(
              "consumer", "off on this instance (coordination.kafka.consumer-enabled=false)")
          .build();
    }
    Map<Integer, Long> partitions = metrics.lagByPartition();
    long lag = partitions.values().stream().mapToLong(Long::longValue).sum();
    return (lag > laggingAfter ? Health.status(ReadinessStatus.DEGRADED) : Health.up())
        .withDetail("lag", lag)
        .withDetail("lagByPartition", partitions)
        .withDetail("laggingAfter", laggingAfter)
        .build();
  }
}
