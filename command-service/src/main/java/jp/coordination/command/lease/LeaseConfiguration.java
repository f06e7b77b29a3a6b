package jp.coordination.command.lease;

import java.time.Duration;
import jp.coordination.command.eventstore.EventStreamCollections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The leases of this instance, in the service's database ({@code leases}). */
@Configuration(proxyBeanMethods = false)
public class LeaseConfiguration {

  /** The collection of lease documents. */
  public static final String COLLECTION = "leases";

  /**
   * @param duration how long a holder may stay silent before another instance takes its jobs over
   *     ({@code coordination.leases.duration}, {@code LEASE_DURATION}); a holder stops acting after
   *     half of it without a renewal
   */
  @Bean
  Leases leases(
      EventStreamCollections collections,
      @Value("${coordination.leases.duration:15s}") Duration duration) {
    return new Leases(collections.database().getCollection(COLLECTION), duration);
  }
}
