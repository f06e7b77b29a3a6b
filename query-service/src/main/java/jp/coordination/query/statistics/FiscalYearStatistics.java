package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The regional council statistics of one fiscal year: {@code {fiscalYear, region, wards, total,
 * plan}}. Contains nothing about the run that produced it, so the same log always gives the same
 * bytes.
 *
 * @param wards per ward code, in the region's ward order
 * @param plan the year's targets with their actuals, in the order set; empty without a plan
 */
@JsonPropertyOrder({"fiscalYear", "region", "wards", "total", "plan"})
public record FiscalYearStatistics(
    int fiscalYear,
    String region,
    Map<String, WardFigures> wards,
    WardFigures total,
    List<PlanReview> plan) {

  public FiscalYearStatistics {
    plan = plan == null ? List.of() : List.copyOf(plan);
  }
}
