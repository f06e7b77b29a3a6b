package jp.coordination.query.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * <p>Skips events recorded after the cutoff, copies of an event id already applied, and (inside
 * {@link StatisticsFacts}) events at or below their aggregate's sequence.
 */
public final class ReplayFold {

  private final Instant recordedUpTo;
  private final Map<String, HouseholdFacts> households = new HashMap<>();
  private final Map<String, IntakeFacts> intakes = new HashMap<>();
  private final Map<String, CoSupportFacts> coSupports = new HashMap<>();
  private final Set<String> eventIds = new HashSet<>();
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
    if (!eventIds.add(e.eventId())) {
      duplicates++;
      return;
    }
    switch (kind) {
      case HOUSEHOLD -> households.compute(e.aggregateId(), (id, f) -> StatisticsFacts.evolve(f, e));
      case INTAKE -> intakes.compute(e.aggregateId(), (id, f) -> StatisticsFacts.evolve(f, e));
      case CO_SUPPORT -> coSupports.compute(e.aggregateId(), (id, f) -> StatisticsFacts.evolve(f, e));
    }
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
