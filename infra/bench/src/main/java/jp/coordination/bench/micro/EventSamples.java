package jp.coordination.bench.micro;

import java.util.ArrayList;
import java.util.List;
import jp.coordination.bench.ReplayBenchmark;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.AtRiskHouseholdRegistered;

/** The events every micro-benchmark draws from: the replay benchmark's realistic mix, same seed. */
final class EventSamples {

  private EventSamples() {}

  /** The first {@code count} events of the mix, in log order. */
  static List<EventEnvelope> mix(int count) {
    ReplayBenchmark.Mix mix = new ReplayBenchmark.Mix(42);
    List<EventEnvelope> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(mix.next());
    }
    return events;
  }

  /**
   * {@code count} registrations with encrypted personal data: the biggest event, measured on its
   * own so a change in its size or its codec shows up undiluted by the smaller events of the mix.
   */
  static List<EventEnvelope> registrations(int count) {
    ReplayBenchmark.Mix mix = new ReplayBenchmark.Mix(42);
    List<EventEnvelope> events = new ArrayList<>(count);
    while (events.size() < count) {
      EventEnvelope e = mix.next();
      if (e.payload() instanceof AtRiskHouseholdRegistered) {
        events.add(e);
      }
    }
    return events;
  }
}
