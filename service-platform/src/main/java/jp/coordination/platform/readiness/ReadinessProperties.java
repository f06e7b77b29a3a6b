package jp.coordination.platform.readiness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the readiness probe asks the broker ({@code coordination.readiness.*}).
 *
 * @param kafka the broker check
 */
@ConfigurationProperties("coordination.readiness")
public record ReadinessProperties(@DefaultValue Kafka kafka) {

  /**
   * @param timeout how long one {@code describeCluster}, and a probe waiting for it, may take
   *     ({@code READINESS_KAFKA_TIMEOUT}); below the probes' own timeouts (the launcher's 2 s)
   * @param cacheFor how long its answer is given again ({@code READINESS_KAFKA_CACHE_FOR})
   */
  public record Kafka(
      @DefaultValue("1s") Duration timeout, @DefaultValue("5s") Duration cacheFor) {}
}
