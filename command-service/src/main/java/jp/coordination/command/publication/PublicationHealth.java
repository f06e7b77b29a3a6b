package jp.coordination.command.publication;

import java.time.Duration;
import java.util.function.Supplier;
import jp.coordination.platform.readiness.ReadinessStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The relay's backlog in the readiness details: the age of the oldest unpublished append, the same
 * figure as the gauge {@code coordination.publication.oldest.unpublished.age}. Past {@code
 * laggingAfter} it says {@code DEGRADED}, which never makes the service unready: commands are still
 * stored, with their markers, and published once the relay catches up, so taking the service out of
 * rotation would turn a delay of the read side into an outage of the write side.
 */
final class PublicationHealth implements HealthIndicator {
  private final Supplier<PublicationRelay> relay;
  private final Duration laggingAfter;

  /**
   * @param relay this instance's relay, or null when it runs none
   */
  PublicationHealth(Supplier<PublicationRelay> relay, Duration laggingAfter) {
    this.relay = relay;
    this.laggingAfter = laggingAfter;
  }

  @Override
  public Health health() {
    PublicationRelay here = relay.get();
    if (here == null) {
      return Health.up()
          .withDetail("relay", "off on this instance (coordination.publication.enabled=false)")
          .build();
    }
    if (!here.publishesHere()) {
      // Another instance publishes, or this one cannot reach the store to renew the lease (the
      // mongo indicator says so).
      return Health.up()
          .withDetail("relay", "not publishing: this instance does not hold the relay's lease")
          .build();
    }
    double age = here.oldestAgeSeconds();
    Health.Builder health =
        age > laggingAfter.toMillis() / 1000.0
            ? Health.status(ReadinessStatus.DEGRADED)
            : Health.up();
    return health
        .withDetail("relay", "publishing")
        .withDetail("oldestUnpublishedAgeSeconds", age)
        .withDetail("laggingAfterSeconds", laggingAfter.toSeconds())
        .build();
  }
}
