package jp.coordination.query.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.statistics.CoSupportFacts;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.HouseholdFacts;
import jp.coordination.query.statistics.IntakeFacts;
import jp.coordination.query.statistics.StatisticsCalculator;
import jp.coordination.query.statistics.StatisticsFacts;

/**
 * The replay's state, in memory only: the same per-aggregate facts the live projection stores,
 * evolved by the same functions. Not thread-safe; one reader feeds it.
 *
 * <p>Skips events recorded after the cutoff and copies of events already applied. A copy is
 * recognised by its aggregate and sequence (inside {@link StatisticsFacts}: an event at or below its
 * aggregate's sequence changes nothing): every re-published copy of an event id carries the same
 * aggregate id and sequence, so this catches exactly the copies an event-id set would, without
 * keeping a million ids in memory (which cost the replay a third of its speed in the benchmark).
 */
public final class ReplayFold {

  private final Instant recordedUpTo;
  private final Map<String, HouseholdFacts> households = new HashMap<>();
  private final Map<String, IntakeFacts> intakes = new HashMap<>();
  private final Map<String, CoSupportFacts> coSupports = new HashMap<>();
  private long read;
  private long afterCutoff;
  private long duplicates;

  /** @param recordedUpTo count only events recorded at or before this instant; null: all */
  public ReplayFold(Instant recordedUpTo) {
    this.recordedUpTo = recordedUpTo;
  }

  public void accept(EventEnvelope e) {
    read++;
    if (recordedUpTo != null && e.recordedAt().isAfter(recordedUpTo)) {
      afterCutoff++;
      return;
    }
    StatisticsFacts.Kind kind = StatisticsFacts.kindOf(e.payload());
    if (kind == null) {
      return;
    }
    boolean applied =
        switch (kind) {
          case HOUSEHOLD -> fold(households, e, StatisticsFacts::evolve);
          case INTAKE -> fold(intakes, e, StatisticsFacts::evolve);
          case CO_SUPPORT -> fold(coSupports, e, StatisticsFacts::evolve);
        };
    if (!applied) {
      duplicates++;
    }
  }

  /** @return false when the facts already contained the event (evolve gave the same instance back) */
  private static <F> boolean fold(
      Map<String, F> facts, EventEnvelope e, java.util.function.BiFunction<F, EventEnvelope, F> evolve) {
    F before = facts.get(e.aggregateId());
    F after = evolve.apply(before, e);
    if (after == before) {
      return false;
    }
    facts.put(e.aggregateId(), after);
    return true;
  }

  public FiscalYearStatistics statistics(int fiscalYear, Region region, BusinessCalendar calendar) {
    return StatisticsCalculator.compute(
        fiscalYear, region, calendar, households.values(), intakes.values(), coSupports.values());
  }

  /** Envelopes handed to {@link #accept}, whether counted or not. */
  public long eventsRead() {
    return read;
  }

  public long eventsAfterCutoff() {
    return afterCutoff;
  }

  public long duplicatesSkipped() {
    return duplicates;
  }
}
