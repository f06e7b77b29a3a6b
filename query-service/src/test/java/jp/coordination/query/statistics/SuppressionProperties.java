package jp.coordination.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.evaluation.ReplayFold;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * No suppressed figure can be computed back: not from the visible cells of its row (the wards and
 * the total), nor from the sums between figures of one ward; no count from 1 to the threshold is
 * shown; no rate or median is shown over a suppressed count.
 */
class SuppressionProperties {

  private static final int THRESHOLD = 2;
  private static final Set<String> RATES_AND_MEDIANS =
      Set.of(
          "preRegisteredShare",
          "placementRate",
          "medianHoursToPlacement",
          "outOfHoursShare",
          "returnHomeRate",
          "medianCoSupportDays",
          "experienceStays.transitionRate");
  private static final List<String> SHARES_OF_REQUESTS =
      List.of("preRegisteredShare", "placementRate", "outOfHoursShare");

  private final ObjectMapper json = new ObjectMapper();

  @Property(tries = 1000)
  void no_suppressed_cell_of_a_random_row_follows_from_the_visible_cells_and_the_total(
      @ForAll @Size(min = 1, max = 9) List<@IntRange(min = 0, max = 6) Integer> wards,
      @ForAll @IntRange(min = 0, max = 3) int regionWideOnly,
      @ForAll @IntRange(min = 1, max = 3) int threshold) {
    long[] values = new long[wards.size() + 1];
    for (int c = 0; c < wards.size(); c++) {
      values[c] = wards.get(c);
      values[wards.size()] += wards.get(c);
    }
    values[wards.size()] += regionWideOnly;
    SuppressionTable table = new SuppressionTable(wards.size());
    table.count("row", values);

    table.suppress(threshold);

    boolean[] hidden = new boolean[values.length];
    for (int c = 0; c < values.length; c++) {
      hidden[c] = table.hidden("row", c);
      if (values[c] >= 1 && values[c] <= threshold) {
        assertThat(hidden[c]).as("cell %d = %d", c, values[c]).isTrue();
      }
    }
    assertThat(determined(values, hidden)).isEmpty();
  }

  @Property(tries = 80)
  void in_random_years_no_suppressed_figure_follows_from_its_row_or_its_ward_s_sums(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int households,
      @ForAll @IntRange(min = 0, max = 40) int intakes,
      @ForAll @IntRange(min = 0, max = 15) int cases,
      @ForAll @IntRange(min = 0, max = 15) int hub)
      throws IOException {
    Map<String, List<EventEnvelope>> streams =
        RandomHistories.generate(seed, households, intakes, cases, hub);
    ReplayFold replay = new ReplayFold(null);
    streams.values().forEach(events -> events.forEach(replay::accept));
    SmallNumberSuppression suppression = new SmallNumberSuppression(THRESHOLD);

    for (int year = 2024; year <= 2026; year++) {
      FiscalYearStatistics exact =
          replay.statistics(
              year, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR);
      StatisticsDisclosure d = suppression.suppress(exact);
      List<Map<String, BigDecimal>> exactColumns = columns(exact);
      List<Map<String, BigDecimal>> shownColumns = columns(d.statistics());
      List<String> prefixes = new ArrayList<>();
      exact.wards().keySet().forEach(w -> prefixes.add("wards." + w + "."));
      prefixes.add("total.");
      Set<String> suppressed = Set.copyOf(d.suppressed());

      // What is shown is exact; what is suppressed is null and listed.
      for (int c = 0; c < exactColumns.size(); c++) {
        for (Map.Entry<String, BigDecimal> figure : exactColumns.get(c).entrySet()) {
          String path = prefixes.get(c) + figure.getKey();
          BigDecimal shown = shownColumns.get(c).get(figure.getKey());
          if (suppressed.contains(path)) {
            assertThat(shown).as(path).isNull();
            assertThat(figure.getValue()).as(path).isNotNull();
          } else {
            assertThat(shown).as(path).isEqualTo(figure.getValue());
          }
        }
      }

      for (String figure : exactColumns.get(0).keySet()) {
        if (RATES_AND_MEDIANS.contains(figure)) {
          continue;
        }
        long[] row = new long[exactColumns.size()];
        boolean[] hidden = new boolean[exactColumns.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = exactColumns.get(c).get(figure).longValueExact();
          hidden[c] = shownColumns.get(c).get(figure) == null;
          if (small(row[c])) {
            assertThat(hidden[c])
                .as("FY%d %s%s = %d", year, prefixes.get(c), figure, row[c])
                .isTrue();
          }
        }
        assertThat(determined(row, hidden)).as("FY%d row %s", year, figure).isEmpty();
      }

      for (int c = 0; c < exactColumns.size(); c++) {
        Map<String, BigDecimal> exactColumn = exactColumns.get(c);
        Map<String, BigDecimal> shown = shownColumns.get(c);
        String where = "FY" + year + " " + prefixes.get(c);
        sum(
            where,
            exactColumn,
            shown,
            "experienceStays.completed",
            "experienceStays.completedByKind.");
        sum(where, exactColumn, shown, "experienceStays.completed", "experienceStays.outcomes.");
        sum(where, exactColumn, shown, "communityIssues.raised", "communityIssues.byCategory.");

        // A rate or median is shown only over shown counts, and a share only where neither its
        // numerator nor the rest (computed from it) is small.
        for (String share : SHARES_OF_REQUESTS) {
          if (shown.get(share) != null) {
            assertThat(shown.get("intakesRequested")).as(where + share).isNotNull();
            long requested = exactColumn.get("intakesRequested").longValueExact();
            long numerator =
                shown
                    .get(share)
                    .multiply(BigDecimal.valueOf(requested))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            assertThat(small(numerator)).as(where + share + " numerator " + numerator).isFalse();
            assertThat(small(requested - numerator)).as(where + share + " rest").isFalse();
          }
        }
        if (shown.get("medianCoSupportDays") != null) {
          assertThat(shown.get("coSupportsClosed")).as(where).isNotNull();
        }
        if (shown.get("returnHomeRate") != null) {
          // Returned home / rate = the intakes completed, the sum of the outcomes.
          assertThat(shown.get("outcomes.RETURNED_HOME")).as(where).isNotNull();
          List<String> outcomes = startingWith(exactColumn, "outcomes.");
          assertThat(
                  determined(
                      append(values(exactColumn, outcomes), sumOf(exactColumn, outcomes)),
                      append(hidden(shown, outcomes), false)))
              .as(where + "intakes completed = outcomes")
              .isEmpty();
        }
        for (String overStays :
            List.of("experienceStays.transitionRate", "experienceStays.nightsStayed")) {
          if (shown.get(overStays) != null) {
            assertThat(shown.get("experienceStays.completed")).as(where + overStays).isNotNull();
          }
        }
        if (shown.get("experienceStays.transitionRate") != null) {
          // Rate × completed = the stays that led to a transition; the rest led to none.
          List<String> transitions =
              StatisticsCalculator.TRANSITIONS.stream()
                  .map(o -> "experienceStays.outcomes." + o.name())
                  .toList();
          List<String> others =
              startingWith(exactColumn, "experienceStays.outcomes.").stream()
                  .filter(o -> !transitions.contains(o))
                  .toList();
          for (List<String> parts : List.of(transitions, others)) {
            assertThat(
                    determined(
                        append(values(exactColumn, parts), sumOf(exactColumn, parts)),
                        append(hidden(shown, parts), false)))
                .as(where + "stays by outcome " + parts)
                .isEmpty();
          }
        }
      }

      // The numerator of a share and the rest (both share × requests) across the wards: a total
      // share shown must not give back a ward's whose share is suppressed.
      for (String share : SHARES_OF_REQUESTS) {
        long[] numerators = new long[exactColumns.size()];
        long[] rests = new long[exactColumns.size()];
        boolean[] hidden = new boolean[exactColumns.size()];
        for (int c = 0; c < numerators.length; c++) {
          BigDecimal rate = exactColumns.get(c).get(share);
          long requested = exactColumns.get(c).get("intakesRequested").longValueExact();
          numerators[c] =
              rate == null
                  ? 0
                  : rate.multiply(BigDecimal.valueOf(requested))
                      .setScale(0, RoundingMode.HALF_UP)
                      .longValueExact();
          rests[c] = requested - numerators[c];
          hidden[c] = shownColumns.get(c).get(share) == null;
        }
        assertThat(determined(numerators, hidden))
            .as("FY%d numerators of %s", year, share)
            .isEmpty();
        assertThat(determined(rests, hidden)).as("FY%d rests of %s", year, share).isEmpty();
      }

      // Every listed path names a null of the JSON answer.
      JsonNode answer = json.readTree(StatisticsFormats.json(d));
      for (String path : d.suppressed()) {
        assertThat(answer.at("/" + path.replace('.', '/')).isNull()).as(path).isTrue();
      }
    }
  }

  /**
   * Within one ward (or the total), {@code whole} is the sum of the figures under {@code parts}.
   */
  private static void sum(
      String where,
      Map<String, BigDecimal> exact,
      Map<String, BigDecimal> shown,
      String whole,
      String parts) {
    List<String> paths = exact.keySet().stream().filter(p -> p.startsWith(parts)).toList();
    long[] values = new long[paths.size() + 1];
    boolean[] hidden = new boolean[paths.size() + 1];
    for (int k = 0; k < paths.size(); k++) {
      values[k] = exact.get(paths.get(k)).longValueExact();
      hidden[k] = shown.get(paths.get(k)) == null;
    }
    values[paths.size()] = exact.get(whole).longValueExact();
    hidden[paths.size()] = shown.get(whole) == null;
    assertThat(determined(values, hidden)).as(where + whole + " = " + parts + "*").isEmpty();
  }

  /**
   * The hidden non-zero cells a reader can compute from the visible ones, for cells {@code 0..n-2}
   * that sum to cell {@code n-1} (wards and total, or parts and whole). Where the last is more than
   * the sum (counts that served the whole region only), a reader knows only that it is at least the
   * sum; where it is less (an activity serving several wards counts once in each), the row is no
   * sum at all. A hidden 0 (nights of suppressed stays that had none) tells no count.
   */
  static List<Integer> determined(long[] values, boolean[] hidden) {
    return pinnedDown(values, hidden).stream().filter(c -> values[c] != 0).toList();
  }

  private static List<Integer> pinnedDown(long[] values, boolean[] hidden) {
    int last = values.length - 1;
    long partsSum = 0;
    long visibleParts = 0;
    List<Integer> hiddenParts = new ArrayList<>();
    for (int c = 0; c < last; c++) {
      partsSum += values[c];
      if (hidden[c]) {
        hiddenParts.add(c);
      } else {
        visibleParts += values[c];
      }
    }
    boolean exactSum = values[last] == partsSum;
    List<Integer> determined = new ArrayList<>();
    if (values[last] < partsSum) {
      return determined;
    }
    if (hidden[last]) {
      // Unknown whole: it follows only when no part is hidden and the parts are all there is.
      if (hiddenParts.isEmpty() && exactSum) {
        determined.add(last);
      }
      return determined;
    }
    long rest = values[last] - visibleParts; // what the hidden parts share (or more, if not exact)
    if (exactSum && hiddenParts.size() == 1) {
      determined.add(hiddenParts.get(0));
    } else if (!hiddenParts.isEmpty() && rest == 0) {
      determined.addAll(hiddenParts); // all of them can only be 0
    }
    return determined;
  }

  private static List<String> startingWith(Map<String, BigDecimal> column, String prefix) {
    return column.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
  }

  private static long[] values(Map<String, BigDecimal> column, List<String> paths) {
    return paths.stream().mapToLong(p -> column.get(p).longValueExact()).toArray();
  }

  private static long sumOf(Map<String, BigDecimal> column, List<String> paths) {
    return java.util.Arrays.stream(values(column, paths)).sum();
  }

  private static boolean[] hidden(Map<String, BigDecimal> shown, List<String> paths) {
    boolean[] hidden = new boolean[paths.size()];
    for (int k = 0; k < hidden.length; k++) {
      hidden[k] = shown.get(paths.get(k)) == null;
    }
    return hidden;
  }

  private static long[] append(long[] values, long last) {
    long[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  private static boolean[] append(boolean[] values, boolean last) {
    boolean[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  private static boolean small(long count) {
    return count >= 1 && count <= THRESHOLD;
  }

  private static List<Map<String, BigDecimal>> columns(FiscalYearStatistics statistics) {
    List<Map<String, BigDecimal>> columns = new ArrayList<>();
    statistics.wards().values().forEach(w -> columns.add(w.byPath()));
    columns.add(statistics.total().byPath());
    return columns;
  }
}
