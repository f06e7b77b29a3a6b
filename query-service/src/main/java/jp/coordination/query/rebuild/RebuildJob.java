package jp.coordination.query.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild as stored in {@code projection_rebuilds} ({@code _id} = id), answered by any instance.
 *
 * @param readModels what the operator asked for (every read model is rebuilt: {@link ReadModels})
 * @param eventsRead records read from the topic so far
 * @param eventsTotal records on the topic, as far as the rebuild has looked (it grows while
 *     commands keep coming)
 * @param ratePerSecond records read per second since the start
 * @param secondsLeft at that rate, until the records known now are read; null before a rate exists
 * @param fromGeneration the generation served when the rebuild started
 * @param toGeneration the generation it builds
 * @param instance the service instance running it
 */
public record RebuildJob(
    String id,
    Status status,
    List<String> readModels,
    long eventsRead,
    long eventsTotal,
    double ratePerSecond,
    Long secondsLeft,
    Instant startedAt,
    Instant finishedAt,
    String error,
    long fromGeneration,
    long toGeneration,
    String instance) {

  public RebuildJob {
    readModels = List.copyOf(readModels);
  }

  /** Where a rebuild stands. */
  public enum Status {
    /** Reading the topic into the new generation while the old one serves. */
    RUNNING,
    /** Live consumers paused (briefly), the rebuild drains to the end, switches, drops the old. */
    SWITCHING,
    DONE,
    FAILED;

    boolean finished() {
      return this == DONE || this == FAILED;
    }
  }

  RebuildJob failed(Instant at, String why) {
    return new RebuildJob(
        id,
        Status.FAILED,
        readModels,
        eventsRead,
        eventsTotal,
        ratePerSecond,
        null,
        startedAt,
        at,
        why,
        fromGeneration,
        toGeneration,
        instance);
  }
}
