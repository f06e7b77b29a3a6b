package jp.coordination.query.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.FailureDetail;
import jp.coordination.query.statistics.AnnualPlanFacts;
import jp.coordination.query.statistics.CapacityActivityFacts;
import jp.coordination.query.statistics.CoSupportFacts;
import jp.coordination.query.statistics.CommunityIssueFacts;
import jp.coordination.query.statistics.CountedEvents;
import jp.coordination.query.statistics.Definitions;
import jp.coordination.query.statistics.ExperienceStayFacts;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.HouseholdFacts;
import jp.coordination.query.statistics.IntakeFacts;
import jp.coordination.query.statistics.StatisticsCalculator;
import jp.coordination.query.statistics.StatisticsFacts;

/**
 * The replay's state, in memory only: the same per-aggregate facts the live projection stores,
 * evolved by the same functions. Not thread-safe; one reader feeds it.
 *
 * <p>Leaves out, and reports ({@link #notFolded}), events it cannot fold and the later events of
 * their aggregates, as the live side parks them, so a replay completes and still equals the live
 * statistics.
 *
 * <p>Skips events recorded after the cutoff and copies of events already applied. A copy is
 * recognised by its aggregate and sequence (inside {@link StatisticsFacts}: an event at or below
 * its aggregate's sequence changes nothing): every re-published copy of an event id carries the
 * same aggregate id and sequence, so this catches exactly the copies an event-id set would, without
 * keeping a million ids in memory (which cost the replay a third of its speed in the benchmark).
 */
public final class ReplayFold {

  /** Entries kept in the job; beyond, only counted. */
  static final int NOT_FOLDED_KEPT = 1000;

  private final Instant recordedUpTo;
  private final BusinessCalendar calendar;

  /**
   * Aggregates with an event left out: their later events are left out too, as the live side parks
   * them.
   */
  private final Set<String> stopped = new HashSet<>();

  private final List<NotFolded> notFolded = new ArrayList<>();
  private long notFoldedCount;
  private final Map<String, HouseholdFacts> households = new HashMap<>();
  private final Map<String, IntakeFacts> intakes = new HashMap<>();
  private final Map<String, CoSupportFacts> coSupports = new HashMap<>();
  private final Map<String, ExperienceStayFacts> stays = new HashMap<>();
  private final Map<String, CapacityActivityFacts> activities = new HashMap<>();
  private final Map<String, CommunityIssueFacts> issues = new HashMap<>();
  private final Map<String, AnnualPlanFacts> plans = new HashMap<>();
  private long read;
  private long afterCutoff;
  private long duplicates;

  /**
   * @param recordedUpTo count only events recorded at or before this instant; null: all
   */
  public ReplayFold(Instant recordedUpTo) {
    this(recordedUpTo, null);
  }

  /**
   * @param calendar when given, an event whose business time it cannot place in a fiscal year is
   *     left out (and reported), as the live projection parks it, rather than failing the whole
   *     computation at the end
   */
  public ReplayFold(Instant recordedUpTo, BusinessCalendar calendar) {
    this.recordedUpTo = recordedUpTo;
    this.calendar = calendar;
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
    if (stopped.contains(e.aggregateId())) {
      leaveOut(e, NotFolded.BEHIND_NOT_FOLDED, "an earlier event of the aggregate was left out");
      return;
    }
    Long last = lastSequence(kind, e.aggregateId());
    long expected = last == null ? 0 : last + 1;
    if (e.sequence() > expected) {
      // An aggregate's events are read in their order, so the missing one will not come: the
      // live side parks this one as GAP after its wait.
      leaveOut(e, NotFolded.GAP, "missing sequence " + expected);
      return;
    }
    boolean applied;
    try {
      if (calendar != null) {
        calendar.fiscalYearOf(e.occurredAt()); // the live projection's first step, which may throw
      }
      applied =
          switch (kind) {
            case HOUSEHOLD -> fold(households, e, StatisticsFacts::evolve);
            case INTAKE -> fold(intakes, e, StatisticsFacts::evolve);
            case CO_SUPPORT -> fold(coSupports, e, StatisticsFacts::evolve);
            case EXPERIENCE_STAY -> fold(stays, e, StatisticsFacts::evolve);
            case CAPACITY_ACTIVITY -> fold(activities, e, StatisticsFacts::evolve);
            case COMMUNITY_ISSUE -> fold(issues, e, StatisticsFacts::evolve);
            case ANNUAL_PLAN -> fold(plans, e, StatisticsFacts::evolve);
          };
    } catch (RuntimeException failed) {
      leaveOut(e, NotFolded.EXCEPTION, FailureDetail.of(failed));
      return;
    }
    if (!applied) {
      duplicates++;
    }
  }

  /** The sequence the aggregate's facts hold, or null before its first event. */
  private Long lastSequence(StatisticsFacts.Kind kind, String id) {
    Map<String, ?> facts =
        switch (kind) {
          case HOUSEHOLD -> households;
          case INTAKE -> intakes;
          case CO_SUPPORT -> coSupports;
          case EXPERIENCE_STAY -> stays;
          case CAPACITY_ACTIVITY -> activities;
          case COMMUNITY_ISSUE -> issues;
          case ANNUAL_PLAN -> plans;
        };
    return StatisticsFacts.sequenceOf(facts.get(id));
  }

  /** A record the source could not decode: reported, and its aggregate (the record key) stopped. */
  public void unreadable(NotFolded record) {
    if (record.aggregateId() != null) {
      stopped.add(record.aggregateId());
    }
    report(record);
  }

  private void leaveOut(EventEnvelope e, String reason, String detail) {
    stopped.add(e.aggregateId());
    report(
        new NotFolded(null, e.eventId(), e.aggregateId(), e.type(), e.sequence(), reason, detail));
  }

  private void report(NotFolded record) {
    notFoldedCount++;
    if (notFolded.size() < NOT_FOLDED_KEPT) {
      notFolded.add(record);
    }
  }

  /** The events left out, the first {@value #NOT_FOLDED_KEPT} of them. */
  public List<NotFolded> notFolded() {
    return List.copyOf(notFolded);
  }

  /** How many events were left out. */
  public long notFoldedCount() {
    return notFoldedCount;
  }

  /**
   * @return false when the facts already contained the event (evolve gave the same instance back)
   */
  private static <F> boolean fold(
      Map<String, F> facts,
      EventEnvelope e,
      java.util.function.BiFunction<F, EventEnvelope, F> evolve) {
    F before = facts.get(e.aggregateId());
    F after = evolve.apply(before, e);
    if (after == before) {
      return false;
    }
    facts.put(e.aggregateId(), after);
    return true;
  }

  public FiscalYearStatistics statistics(int fiscalYear, Region region, BusinessCalendar calendar) {
    return statistics(fiscalYear, region, calendar, Definitions.OFFICIAL);
  }

  /** The year's figures from the facts folded so far, by the given definitions. */
  public FiscalYearStatistics statistics(
      int fiscalYear, Region region, BusinessCalendar calendar, Definitions definitions) {
    return statistics(fiscalYear, region, calendar, definitions, CountedEvents.NONE);
  }

  /** The same, telling {@code counted} of every event a count figure counts (the drill-down). */
  public FiscalYearStatistics statistics(
      int fiscalYear,
      Region region,
      BusinessCalendar calendar,
      Definitions definitions,
      CountedEvents counted) {
    return StatisticsCalculator.compute(
        fiscalYear,
        region,
        calendar,
        new StatisticsCalculator.Facts(
            households.values(),
            intakes.values(),
            coSupports.values(),
            stays.values(),
            activities.values(),
            issues.values(),
            plans.values()),
        definitions,
        counted);
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
