package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One target of the year's plan beside its actual (運用状況の検証).
 *
 * @param ward the ward, or null for the region's total
 * @param figure the statistics path, e.g. {@code experienceStays.completed}
 * @param target the target as set
 * @param actual the figure in the statistics of that ward (or total); null where the figure is null
 *     or the ward is not one of the region's
 * @param achievement actual / target, half-up to 4 decimals; null for a zero target or no actual
 */
@JsonPropertyOrder({"ward", "figure", "target", "actual", "achievement"})
public record PlanReview(
    String ward, String figure, BigDecimal target, BigDecimal actual, BigDecimal achievement) {}
