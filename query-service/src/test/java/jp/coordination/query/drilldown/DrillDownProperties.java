package jp.coordination.query.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.evaluation.EventSource;
import jp.coordination.query.evaluation.NotFolded;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.CountedEvents;
import jp.coordination.query.statistics.Definitions;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.RandomHistories;
import jp.coordination.query.statistics.WardFigures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A drill-down lists exactly as many events as its figure counts: for random years of every
 * aggregate (re-published copies included), every count figure of every ward and of the total.
 */
class DrillDownProperties {

  static final Region REGION = Region.load(null);
  static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  static final Pseudonyms PSEUDONYMS = new Pseudonyms(new byte[32]);

  @Property(tries = 40)
  void the_calculator_names_one_event_for_every_unit_of_every_count_figure(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 20) int households,
      @ForAll @IntRange(min = 0, max = 30) int intakes,
      @ForAll @IntRange(min = 0, max = 10) int cases,
      @ForAll @IntRange(min = 0, max = 12) int hub) {
    List<EventEnvelope> log = log(seed, households, intakes, cases, hub);
    ReplayFold fold = new ReplayFold(null, CALENDAR);
    log.forEach(fold::accept);
    for (int year = 2024; year <= 2026; year++) {
      Map<String, Long> named = new HashMap<>();
      FiscalYearStatistics statistics =
          fold.statistics(
              year,
              REGION,
              CALENDAR,
              Definitions.OFFICIAL,
              (column, figure, event) -> named.merge(column + "/" + figure, 1L, Long::sum));
      assertThat(named.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)))
          .as("only count figures name events")
          .allMatch(CountedEvents.FIGURES::contains);
      for (String figure : CountedEvents.FIGURES) {
        statistics
            .wards()
            .forEach(
                (ward, figures) ->
                    assertThat(named.getOrDefault(ward + "/" + figure, 0L))
                        .as("%s %s", ward, figure)
                        .isEqualTo(count(figures, figure)));
        assertThat(named.getOrDefault("null/" + figure, 0L))
            .as("total %s", figure)
            .isEqualTo(count(statistics.total(), figure));
      }
    }
  }

  @Property(tries = 25)
  void a_drill_down_finds_in_the_log_every_event_a_figure_counts(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int households,
      @ForAll @IntRange(min = 1, max = 30) int intakes,
      @ForAll @IntRange(min = 0, max = 10) int cases,
      @ForAll @IntRange(min = 0, max = 12) int hub) {
    List<EventEnvelope> log = log(seed, households, intakes, cases, hub);
    DrillDown drillDown = new DrillDown(() -> source(log), REGION, CALENDAR, PSEUDONYMS);
    ReplayFold fold = new ReplayFold(null, CALENDAR);
    log.forEach(fold::accept);
    Random random = new Random(seed);
    for (int pick = 0; pick < 6; pick++) {
      int year = 2024 + random.nextInt(3);
      String figure = CountedEvents.FIGURES.get(random.nextInt(CountedEvents.FIGURES.size()));
      List<String> columns = new ArrayList<>(REGION.wardCodes());
      columns.add(null);
      String ward = columns.get(random.nextInt(columns.size()));
      FiscalYearStatistics statistics = fold.statistics(year, REGION, CALENDAR);
      WardFigures figures = ward == null ? statistics.total() : statistics.wards().get(ward);

      List<DrillDown.Listed> events = drillDown.events(year, ward, figure);

      assertThat((long) events.size())
          .as("FY%d %s %s", year, ward, figure)
          .isEqualTo(count(figures, figure));
      assertThat(events.stream().map(e -> e.pseudonym() + "#" + e.sequence()))
          .as("no event listed twice, copies included")
          .doesNotHaveDuplicates();
    }
  }

  private static long count(WardFigures figures, String figure) {
    return figures.byPath().get(figure).longValueExact();
  }

  /** Every aggregate's events in order, aggregates one after another, one in ten sent twice. */
  private static List<EventEnvelope> log(
      long seed, int households, int intakes, int cases, int hub) {
    Map<String, List<EventEnvelope>> streams =
        RandomHistories.generate(seed, households, intakes, cases, hub);
    Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
    List<EventEnvelope> log = new ArrayList<>();
    streams
        .values()
        .forEach(
            stream ->
                stream.forEach(
                    e -> {
                      log.add(e);
                      if (random.nextInt(10) == 0) {
                        log.add(e);
                      }
                    }));
    return log;
  }

  static EventSource source(List<EventEnvelope> log) {
    return new EventSource() {
      @Override
      public long readAll(Consumer<EventEnvelope> sink, Consumer<NotFolded> unreadable) {
        log.forEach(sink);
        return 0;
      }

      @Override
      public long count() {
        return log.size();
      }

      @Override
      public String describe() {
        return "a list";
      }
    };
  }
}
