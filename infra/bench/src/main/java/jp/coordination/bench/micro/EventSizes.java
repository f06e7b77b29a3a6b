package jp.coordination.bench.micro;

import java.util.List;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;

/**
 * Sizes of the benchmarks' events, for the report: a codec's time means little without the size.
 */
public final class EventSizes {

  private EventSizes() {}

  public static double mixAverage() {
    return averageBytes(EventSamples.mix(4096));
  }

  public static double registrationAverage() {
    return averageBytes(EventSamples.registrations(1024));
  }

  private static double averageBytes(List<EventEnvelope> envelopes) {
    EventCodec codec = new EventCodec();
    return envelopes.stream().mapToInt(e -> codec.encode(e).length).average().orElse(0);
  }
}
