package jp.coordination.bench.micro;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.CoSupportFacts;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.HouseholdFacts;
import jp.coordination.query.statistics.IntakeFacts;
import jp.coordination.query.statistics.StatisticsFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The statistics step of the annual evaluation, in its two halves: folding one event into its
 * aggregate's facts ({@link StatisticsFacts#evolve}, what the replay does per event after decoding
 * it), and computing a fiscal year from the facts of 100,000 events (what it does once at the end).
 */
public class StatisticsBenchmark {

  private static final int FOLD_EVENTS = 4096; // a power of two: the index wraps with a mask
  private static final int YEAR_EVENTS = 100_000;

  /**
   * Each event with its aggregate's facts just before it, so every call folds a new event into the
   * facts it would really meet (folding the same event twice would be a no-op: the facts skip
   * sequences they already contain).
   */
  @State(Scope.Thread)
  public static class Steps {
    EventEnvelope[] events;
    Object[] before;
    StatisticsFacts.Kind[] kinds;
    int next;

    @Setup
    public void setUp() {
      List<EventEnvelope> mix = EventSamples.mix(FOLD_EVENTS);
      events = mix.toArray(EventEnvelope[]::new);
      before = new Object[events.length];
      kinds = new StatisticsFacts.Kind[events.length];
      Map<String, Object> facts = new HashMap<>();
      for (int i = 0; i < events.length; i++) {
        EventEnvelope e = events[i];
        kinds[i] = StatisticsFacts.kindOf(e.payload());
        before[i] = facts.get(e.aggregateId());
        facts.put(e.aggregateId(), fold(kinds[i], before[i], e));
      }
    }
  }

  /** The facts of the first 100,000 events of the mix, folded once. */
  @State(Scope.Benchmark)
  public static class Year {
    ReplayFold fold;
    Region region;
    BusinessCalendar calendar;

    @Setup
    public void setUp() {
      fold = new ReplayFold(null);
      EventSamples.mix(YEAR_EVENTS).forEach(fold::accept);
      region = Region.load(null);
      calendar = BusinessCalendar.tokyo(Holidays.load(null).dates());
    }
  }

  static Object fold(StatisticsFacts.Kind kind, Object before, EventEnvelope e) {
    if (kind == null) {
      return before;
    }
    return switch (kind) {
      case HOUSEHOLD -> StatisticsFacts.evolve((HouseholdFacts) before, e);
      case INTAKE -> StatisticsFacts.evolve((IntakeFacts) before, e);
      case CO_SUPPORT -> StatisticsFacts.evolve((CoSupportFacts) before, e);
      default -> StatisticsFacts.evolve(kind, before, e);
    };
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object foldOneEvent(Steps s) {
    int i = s.next++ & (FOLD_EVENTS - 1);
    return fold(s.kinds[i], s.before[i], s.events[i]);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public FiscalYearStatistics computeYear(Year y) {
    return y.fold.statistics(2025, y.region, y.calendar);
  }
}
