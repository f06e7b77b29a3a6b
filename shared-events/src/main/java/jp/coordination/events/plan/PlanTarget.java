package jp.coordination.events.plan;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One target of an annual plan: a figure of the statistics, for one ward or for the region.
 *
 * @param ward the ward the target is for, or {@code null} for the region's total
 * @param figure the figure's path in the statistics of one ward (or of {@code total}), e.g. {@code
 *     experienceStays.completed}; one of {@link PlanFigures#all()}
 * @param target the target value, 0 or more; a fraction 0..1 for rates and shares; written without
 *     trailing zeros ({@code 60}, {@code 0.85})
 */
public record PlanTarget(String ward, String figure, BigDecimal target) {

  public PlanTarget {
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(target, "target");
    target = plain(target);
  }

  /** The same number without trailing zeros and never in exponent form: 60.0 and 6E+1 are 60. */
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
