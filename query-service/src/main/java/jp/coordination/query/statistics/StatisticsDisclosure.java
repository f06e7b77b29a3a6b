package jp.coordination.query.statistics;

import java.util.List;
import java.util.Set;

/**
 * Statistics as one reader may see them: the figures (null where suppressed) and the JSON paths of
 * the suppressed ones, e.g. {@code wards.AOBA.intakesRequested}, {@code total.outcomes.HOSPITAL},
 * {@code plan.0.actual}.
 *
 * @param statistics the figures as shown
 * @param suppressed the paths of the suppressed figures: wards in the region's order, figures in
 *     the answer's order, then the total, then the plan
 * @param threshold the largest count suppressed; 0 when the reader sees exact figures
 */
public record StatisticsDisclosure(
    FiscalYearStatistics statistics, List<String> suppressed, int threshold) {

  public StatisticsDisclosure {
    suppressed = List.copyOf(suppressed);
  }

  /** The exact figures, nothing suppressed. */
  public static StatisticsDisclosure exact(FiscalYearStatistics statistics) {
    return new StatisticsDisclosure(statistics, List.of(), 0);
  }

  /** Whether small numbers were suppressed for this reader (the CSV then explains {@code x}). */
  public boolean controlled() {
    return threshold > 0;
  }

  /** The suppressed paths as a set, for lookups. */
  Set<String> suppressedPaths() {
    return Set.copyOf(suppressed);
  }
}
