package jp.coordination.platform.readiness;

import org.springframework.boot.actuate.health.Status;

/** The health statuses the platform adds to Spring Boot's. */
public final class ReadinessStatus {
  private ReadinessStatus() {}

  /**
   * Working, but behind or cut off from something it can wait for (the broker, the relay's backlog,
   * the consumer's lag). The services rank it below {@code UP} ({@code
   * management.endpoint.health.status.order}), so it never makes a probe answer anything but {@code
   * UP} and 200: only the details on the management port show it.
   */
  public static final Status DEGRADED = new Status("DEGRADED");
}
