package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of a what-if replay that differ from the official ones of the same events: every ward
 * in the region's order, then the total, each figure in the order of {@link WardFigures#byPath()}.
 * Equal numbers of different scale (0.5 and 0.50) are not a difference.
 */
public final class StatisticsDifferences {

  private StatisticsDifferences() {}

  /**
   * One figure that differs.
   *
   * @param ward the ward's code, or null for the region's total
   * @param figure the figure's path, as a plan target names it ({@code reuseWithin180Days}, {@code
   *     outcomes.HOSPITAL})
   * @param official the figure by the official definitions (null where it has no value)
   * @param variant the figure by the what-if's definitions
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"ward", "figure", "official", "variant"})
  public record Difference(String ward, String figure, BigDecimal official, BigDecimal variant) {}

  public static List<Difference> between(
      FiscalYearStatistics official, FiscalYearStatistics variant) {
    List<Difference> differences = new ArrayList<>();
    official
        .wards()
        .forEach((ward, figures) -> add(differences, ward, figures, variant.wards().get(ward)));
    add(differences, null, official.total(), variant.total());
    return List.copyOf(differences);
  }

  private static void add(
      List<Difference> differences, String ward, WardFigures official, WardFigures variant) {
    Map<String, BigDecimal> variantFigures = variant == null ? Map.of() : variant.byPath();
    official
        .byPath()
        .forEach(
            (figure, value) -> {
              BigDecimal other = variantFigures.get(figure);
              if (!same(value, other)) {
                differences.add(new Difference(ward, figure, value, other));
              }
            });
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? Objects.equals(a, b) : a.compareTo(b) == 0;
  }
}
