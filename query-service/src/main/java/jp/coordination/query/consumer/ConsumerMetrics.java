package jp.coordination.query.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.coordination.events.envelope.EventEnvelope;

/**
 * The consumer's meters: lag per partition, projection lag per ward, applied events and duplicates.
 */
public final class ConsumerMetrics {

  private static final String NO_WARD = "NONE";
  private static final Duration LONGEST_LAG = Duration.ofDays(365L * 100);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();

  public ConsumerMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    // There from the start at 0, so that a rate over it and the dashboard have a series before the
    // first one.
    undecodableCounter();
  }

  /** An event changed at least one read model. */
  void applied(EventEnvelope envelope) {
    String ward = envelope.ward() == null ? NO_WARD : envelope.ward();
    Counter.builder("coordination.events.applied")
        .description("Events applied to the read models")
        .tag("type", envelope.type())
        .tag("ward", ward)
        .register(registry)
        .increment();
    // How stale the read model was for this event: now minus the time the store recorded it.
    Duration lag = Duration.between(envelope.recordedAt(), clock.instant());
    if (lag.compareTo(LONGEST_LAG) > 0) {
      // A recording time centuries off (a bad record) would overflow the timer's nanoseconds.
      lag = LONGEST_LAG;
    }
    Timer.builder("coordination.projection.lag")
        .description("Time from recording an event to applying it to the read models")
        .tag("ward", ward)
        .publishPercentileHistogram()
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** A re-published copy of an already applied event was skipped. */
  void duplicateSkipped(EventEnvelope envelope) {
    Counter.builder("coordination.events.duplicates")
        .description("Re-published copies of events that were skipped")
        .tag("type", envelope.type())
        .register(registry)
        .increment();
  }

  /** A record that could not be decoded was read (and parked). */
  void undecodable() {
    undecodableCounter().increment();
  }

  private Counter undecodableCounter() {
    return Counter.builder("coordination.events.undecodable")
        .description("Records parked because they are not a readable event envelope")
        .register(registry);
  }

  /** Gauges of the parked and the held records (kept up to date by {@link Parking}). */
  void parking(AtomicLong parked, AtomicLong held) {
    Gauge.builder("coordination.events.parked", parked, AtomicLong::get)
        .description(
            "Records set aside because they could not be applied; an operator retries or skips them")
        .register(registry);
    Gauge.builder("coordination.events.held", held, AtomicLong::get)
        .description("Records waiting for an earlier event of their aggregate")
        .register(registry);
  }

  /** Records still to consume in a partition, as the consumer last saw it. */
  void consumerLag(String topic, int partition, long lag) {
    lagByPartition
        .computeIfAbsent(
            partition,
            p -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("coordination.consumer.lag", value, AtomicLong::get)
                  .description("Records in the partition not yet consumed")
                  .tag("topic", topic)
                  .tag("partition", Integer.toString(p))
                  .register(registry);
              return value;
            })
        .set(lag);
  }

  /**
   * Partitions this instance no longer reads have nothing left to consume here: their lag is now
   * another instance's, and kept here it would count twice in a sum over instances, and forever.
   */
  void onlyAssigned(Set<Integer> partitions) {
    lagByPartition.forEach(
        (partition, lag) -> {
          if (!partitions.contains(partition)) {
            lag.set(0);
          }
        });
  }

  /**
   * Records still to consume per partition, as the gauges {@code coordination.consumer.lag} show
   * them.
   */
  public Map<Integer, Long> lagByPartition() {
    Map<Integer, Long> lags = new TreeMap<>();
    lagByPartition.forEach((partition, lag) -> lags.put(partition, lag.get()));
    return lags;
  }
}
