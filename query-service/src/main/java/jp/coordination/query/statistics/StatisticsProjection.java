package jp.coordination.query.statistics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.coordination.events.envelope.EventEnvelope;
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
 * The live statistics: one fact document per aggregate ({@code statistics_households},
 * {@code statistics_intakes}, {@code statistics_cosupports}, {@code _id} = aggregate id), updated
 * by the pure {@link StatisticsFacts} functions through guarded updates, and per fiscal year and
 * kind an index of the aggregates with events in it, split into {@link #INDEX_BUCKETS} documents. The figures are computed on request by {@link
 * StatisticsCalculator}, the same code the replay uses.
 */
public final class StatisticsProjection implements AggregateChangeProjection {

  public static final DocumentKind<HouseholdFacts> HOUSEHOLD_FACTS =
      new DocumentKind<>("statistics_households", HouseholdFacts.class);
  public static final DocumentKind<IntakeFacts> INTAKE_FACTS =
      new DocumentKind<>("statistics_intakes", IntakeFacts.class);
  public static final DocumentKind<CoSupportFacts> CO_SUPPORT_FACTS =
      new DocumentKind<>("statistics_cosupports", CoSupportFacts.class);
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
    // The indexes first, the year before its members: adding to a set is idempotent, so it needs
    // no position guard, and a crash before the facts are written leaves only a harmless member
    // whose facts come with the redelivery.
    boolean written = addToIndex(YEARS, Integer.toString(year));
    written |= addToIndex(indexId(year, kind, e.aggregateId()), e.aggregateId());
    String id = e.aggregateId();
    written |=
        switch (kind) {
          case HOUSEHOLD -> GuardedUpdate.apply(store, HOUSEHOLD_FACTS, id, delivery,
              f -> StatisticsFacts.evolve(f.orElse(null), e));
          case INTAKE -> GuardedUpdate.apply(store, INTAKE_FACTS, id, delivery,
              f -> StatisticsFacts.evolve(f.orElse(null), e));
          case CO_SUPPORT -> GuardedUpdate.apply(store, CO_SUPPORT_FACTS, id, delivery,
              f -> StatisticsFacts.evolve(f.orElse(null), e));
        };
    return written;
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
    for (String member : index(YEARS)) {
      int year = Integer.parseInt(member);
      if (year <= fiscalYear) {
        households.addAll(members(year, StatisticsFacts.Kind.HOUSEHOLD));
        intakes.addAll(members(year, StatisticsFacts.Kind.INTAKE));
        coSupports.addAll(members(year, StatisticsFacts.Kind.CO_SUPPORT));
      }
    }
    return StatisticsCalculator.compute(
        fiscalYear, region, calendar, read(HOUSEHOLD_FACTS, households), read(INTAKE_FACTS, intakes),
        read(CO_SUPPORT_FACTS, coSupports));
  }

  /**
   * How many documents a year's index of one kind is split into. One document per year and kind
   * was rewritten whole for every new aggregate, so a busy year cost more with every aggregate
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

  /** @return true if the member was not there yet and this call added it */
  private boolean addToIndex(String id, String member) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<FactIndex>> current = store.readForUpdate(INDEX, id);
      if (current.isPresent() && current.get().state().contains(member)) {
        return false;
      }
      FactIndex next = current.map(c -> c.state().with(member)).orElseGet(
          () -> new FactIndex(List.of(member)));
      long expected = current.map(Versioned::v).orElse(0L);
      Map<String, Long> pos = current.map(Versioned::pos).orElse(Map.of());
      if (store.replace(INDEX, id, expected, new Versioned<>(next, pos, expected + 1))) {
        return true;
      }
    }
    throw new IllegalStateException("Gave up adding to statistics index " + id);
  }
}
