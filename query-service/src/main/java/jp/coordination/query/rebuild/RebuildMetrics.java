package jp.coordination.query.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of the rebuild running on this instance: records read and the total known so far, and
 * whether one runs. They keep the last rebuild's figures once it is over, until the next starts.
 */
final class RebuildMetrics {

  private final AtomicLong read = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong running = new AtomicLong();

  RebuildMetrics(MeterRegistry registry) {
    Gauge.builder("coordination.rebuild.events.read", read, AtomicLong::get)
        .description("Records a projection rebuild on this instance has read from the topic")
        .register(registry);
    Gauge.builder("coordination.rebuild.events.expected", total, AtomicLong::get)
        .description("Records on the topic as far as the running projection rebuild has looked")
        .register(registry);
    Gauge.builder("coordination.rebuild.running", running, AtomicLong::get)
        .description("1 while a projection rebuild runs on this instance")
        .register(registry);
  }

  void started() {
    read.set(0);
    total.set(0);
    running.set(1);
  }

  void progress(long eventsRead, long eventsTotal) {
    read.set(eventsRead);
    total.set(eventsTotal);
  }

  void finished() {
    running.set(0);
  }
}
