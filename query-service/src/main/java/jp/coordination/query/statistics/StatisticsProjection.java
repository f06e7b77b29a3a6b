package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateChangeProjection;

/**
 * The live statistics: one fact document per aggregate ({@code statistics_households}, {@code
 * statistics_intakes}, {@code statistics_cosupports}, {@code _id} = aggregate id), updated by the
 * pure {@link StatisticsFacts} functions through guarded updates, and per fiscal year and kind an
 * index of the aggregates with events in it, split into {@link #INDEX_BUCKETS} documents. The
 * figures are computed on request by {@link StatisticsCalculator}, the same code the replay uses.
 */
public final class StatisticsProjection implements AggregateChangeProjection {

  public static final DocumentKind<HouseholdFacts> HOUSEHOLD_FACTS =
      new DocumentKind<>("statistics_households", HouseholdFacts.class);
  public static final DocumentKind<IntakeFacts> INTAKE_FACTS =
      new DocumentKind<>("statistics_intakes", IntakeFacts.class);
  public static final DocumentKind<CoSupportFacts> CO_SUPPORT_FACTS =
      new DocumentKind<>("statistics_cosupports", CoSupportFacts.class);
  public static final DocumentKind<ExperienceStayFacts> EXPERIENCE_STAY_FACTS =
      new DocumentKind<>("statistics_experience_stays", ExperienceStayFacts.class);
  public static final DocumentKind<CapacityActivityFacts> CAPACITY_ACTIVITY_FACTS =
      new DocumentKind<>("statistics_capacity_activities", CapacityActivityFacts.class);
  public static final DocumentKind<CommunityIssueFacts> COMMUNITY_ISSUE_FACTS =
      new DocumentKind<>("statistics_community_issues", CommunityIssueFacts.class);

  /** Under the plan's id, which region and year determine: read without an index. */
  public static final DocumentKind<AnnualPlanFacts> PLAN_FACTS =
      new DocumentKind<>("statistics_plans", AnnualPlanFacts.class);

  public static final DocumentKind<FactIndex> INDEX =
      new DocumentKind<>("statistics_index", FactIndex.class);

  static final String YEARS = "years";

  /** Races on an index document are short (two instances during a rebalance). */
  private static final int MAX_ATTEMPTS = 20;

  private final ProjectionStore store;
  private final BusinessCalendar calendar;
  private final Region region;

  public StatisticsProjection(ProjectionStore store, BusinessCalendar calendar, Region region) {
    this.store = store;
    this.calendar = calendar;
    this.region = region;
  }

  @Override
  public boolean apply(AggregateChange change, Delivery delivery) {
    EventEnvelope e = change.envelope();
    StatisticsFacts.Kind kind = StatisticsFacts.kindOf(e.payload());
    if (kind == null) {
      return false;
    }
    int year = calendar.fiscalYearOf(e.occurredAt());
    String id = e.aggregateId();
    if (kind == StatisticsFacts.Kind.ANNUAL_PLAN) {
      return GuardedUpdate.apply(
          store, PLAN_FACTS, id, delivery, f -> StatisticsFacts.evolve(f.orElse(null), e));
    }
    // The indexes first, the year before its members: adding to a set is idempotent, so it needs
    // no position guard, and a crash before the facts are written leaves only a harmless member
    // whose facts come with the redelivery.
    boolean written = addToIndex(YEARS, Integer.toString(year));
    written |= addToIndex(indexId(year, kind, id), id);
    Instant heldAt = heldAt(e);
    if (heldAt != null && calendar.fiscalYearOf(heldAt) != year) {
      // An activity recorded (or corrected) after the year it was held in counts in that year.
      int heldYear = calendar.fiscalYearOf(heldAt);
      written |= addToIndex(YEARS, Integer.toString(heldYear));
      written |= addToIndex(indexId(heldYear, kind, id), id);
    }
    written |=
        switch (kind) {
          case HOUSEHOLD ->
              GuardedUpdate.apply(
                  store,
                  HOUSEHOLD_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case INTAKE ->
              GuardedUpdate.apply(
                  store,
                  INTAKE_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case CO_SUPPORT ->
              GuardedUpdate.apply(
                  store,
                  CO_SUPPORT_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case EXPERIENCE_STAY ->
              GuardedUpdate.apply(
                  store,
                  EXPERIENCE_STAY_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case CAPACITY_ACTIVITY ->
              GuardedUpdate.apply(
                  store,
                  CAPACITY_ACTIVITY_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case COMMUNITY_ISSUE ->
              GuardedUpdate.apply(
                  store,
                  COMMUNITY_ISSUE_FACTS,
                  id,
                  delivery,
                  f -> StatisticsFacts.evolve(f.orElse(null), e));
          case ANNUAL_PLAN -> throw new IllegalStateException("handled above");
        };
    return written;
  }

  /** When the activity of a record or correction was held; null for every other event. */
  private static Instant heldAt(EventEnvelope e) {
    if (e.payload() instanceof CapacityActivityRecorded r) {
      return r.heldAt();
    }
    if (e.payload() instanceof CapacityActivityCorrected c) {
      return c.heldAt();
    }
    return null;
  }

  /**
   * The statistics of a fiscal year from the stored facts: every aggregate with an event in that
   * year or an earlier one (a household registered years ago is still active at this year's end; a
   * completion in the previous year counts for re-use). Aggregates whose events all lie after the
   * year cannot change its figures and are not read.
   */
  public FiscalYearStatistics statistics(int fiscalYear) {
    Set<String> households = new LinkedHashSet<>();
    Set<String> intakes = new LinkedHashSet<>();
    Set<String> coSupports = new LinkedHashSet<>();
    Set<String> stays = new LinkedHashSet<>();
    Set<String> activities = new LinkedHashSet<>();
    Set<String> issues = new LinkedHashSet<>();
    for (String member : index(YEARS)) {
      int year = Integer.parseInt(member);
      if (year <= fiscalYear) {
        households.addAll(members(year, StatisticsFacts.Kind.HOUSEHOLD));
        intakes.addAll(members(year, StatisticsFacts.Kind.INTAKE));
        coSupports.addAll(members(year, StatisticsFacts.Kind.CO_SUPPORT));
        stays.addAll(members(year, StatisticsFacts.Kind.EXPERIENCE_STAY));
        activities.addAll(members(year, StatisticsFacts.Kind.CAPACITY_ACTIVITY));
        issues.addAll(members(year, StatisticsFacts.Kind.COMMUNITY_ISSUE));
      }
    }
    return StatisticsCalculator.compute(
        fiscalYear,
        region,
        calendar,
        new StatisticsCalculator.Facts(
            read(HOUSEHOLD_FACTS, households),
            read(INTAKE_FACTS, intakes),
            read(CO_SUPPORT_FACTS, coSupports),
            read(EXPERIENCE_STAY_FACTS, stays),
            read(CAPACITY_ACTIVITY_FACTS, activities),
            read(COMMUNITY_ISSUE_FACTS, issues),
            read(PLAN_FACTS, Set.of(AnnualPlanSet.planIdOf(region.code(), fiscalYear)))));
  }

  /**
   * How many documents a year's index of one kind is split into. One document per year and kind was
   * rewritten whole for every new aggregate, so a busy year cost more with every aggregate
   * (quadratic); split by a stable hash of the id, a write touches a 1/64 share, and a statistics
   * request, which reads every fact document of the year anyway, reads 64 small index documents.
   */
  static final int INDEX_BUCKETS = 64;

  /** The index document that lists {@code aggregateId} for that year and kind. */
  static String indexId(int year, StatisticsFacts.Kind kind, String aggregateId) {
    // String.hashCode is specified by the language, so every instance and version agrees.
    return year + ":" + kind.name() + ":" + Math.floorMod(aggregateId.hashCode(), INDEX_BUCKETS);
  }

  /** The unsplit index of a year and kind, as written before the split; still read. */
  static String unsplitIndexId(int year, StatisticsFacts.Kind kind) {
    return year + ":" + kind.name();
  }

  private List<String> members(int year, StatisticsFacts.Kind kind) {
    List<String> members = new ArrayList<>(index(unsplitIndexId(year, kind)));
    for (int bucket = 0; bucket < INDEX_BUCKETS; bucket++) {
      members.addAll(index(year + ":" + kind.name() + ":" + bucket));
    }
    return members;
  }

  private List<String> index(String id) {
    return store.read(INDEX, id).map(v -> v.state().members()).orElse(List.of());
  }

  private <S> List<S> read(DocumentKind<S> kind, Set<String> ids) {
    return ids.stream()
        .map(id -> store.read(kind, id))
        .flatMap(Optional::stream)
        .map(Versioned::state)
        .toList();
  }

  /**
   * @return true if the member was not there yet and this call added it
   */
  private boolean addToIndex(String id, String member) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<FactIndex>> current = store.readForUpdate(INDEX, id);
      if (current.isPresent() && current.get().state().contains(member)) {
        return false;
      }
      FactIndex next =
          current.map(c -> c.state().with(member)).orElseGet(() -> new FactIndex(List.of(member)));
      long expected = current.map(Versioned::v).orElse(0L);
      Map<String, Long> pos = current.map(Versioned::pos).orElse(Map.of());
      if (store.replace(INDEX, id, expected, new Versioned<>(next, pos, expected + 1))) {
        return true;
      }
    }
    throw new IllegalStateException("Gave up adding to statistics index " + id);
  }
}
