package jp.coordination.query.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.statistics.Definitions;
import jp.coordination.query.statistics.FiscalYearStatistics;

/**
 * One rebuild of a fiscal year's statistics from a log: read everything into a {@link ReplayFold},
 * then compute. Used by the HTTP jobs, the command line and the benchmark alike.
 */
public final class Evaluation {

  /** How often (in events) progress is reported. */
  static final long PROGRESS_EVERY = 100_000;

  private Evaluation() {}

  /**
   * What a rebuild produced, with the counters that go into the run's metadata.
   *
   * @param statistics the figures by the run's definitions
   * @param official for a what-if run, the figures by the official definitions from the same
   *     events; null otherwise
   */
  public record Outcome(
      FiscalYearStatistics statistics,
      FiscalYearStatistics official,
      long eventsRead,
      long eventsAfterCutoff,
      long duplicatesSkipped,
      long undecodable,
      long notFoldedCount,
      List<NotFolded> notFolded) {}

  /** A run by the official definitions. */
  public static Outcome run(
      EventSource source,
      int fiscalYear,
      Instant recordedUpTo,
      Region region,
      BusinessCalendar calendar,
      LongConsumer progress) {
    return run(source, fiscalYear, recordedUpTo, region, calendar, Definitions.OFFICIAL, progress);
  }

  /**
   * @param recordedUpTo count only events recorded at or before it; null for all
   * @param definitions the definitions of the figures; other than the official ones, the outcome
   *     holds the official figures from the same fold beside them
   * @param progress called with the number of events read so far, every {@value #PROGRESS_EVERY}
   */
  public static Outcome run(
      EventSource source,
      int fiscalYear,
      Instant recordedUpTo,
      Region region,
      BusinessCalendar calendar,
      Definitions definitions,
      LongConsumer progress) {
    ReplayFold fold = new ReplayFold(recordedUpTo, calendar);
    long undecodable =
        source.readAll(
            e -> {
              fold.accept(e);
              if (fold.eventsRead() % PROGRESS_EVERY == 0) {
                progress.accept(fold.eventsRead());
              }
            },
            fold::unreadable);
    return new Outcome(
        fold.statistics(fiscalYear, region, calendar, definitions),
        definitions.official() ? null : fold.statistics(fiscalYear, region, calendar),
        fold.eventsRead(),
        fold.eventsAfterCutoff(),
        fold.duplicatesSkipped(),
        undecodable,
        fold.notFoldedCount(),
        fold.notFolded());
  }
}
