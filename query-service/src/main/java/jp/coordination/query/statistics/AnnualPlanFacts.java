package jp.coordination.query.statistics;

import java.util.List;

/**
 * The targets of a region's fiscal year as last set (事業計画). Stored under the plan's id, which is
 * derived from region and year, so the statistics read it without an index.
 *
 * @param planId the plan
 * @param sequence the last applied event's sequence
 * @param region the region's code
 * @param fiscalYear the fiscal year
 * @param targets the targets in the order set
 */
public record AnnualPlanFacts(
    String planId, long sequence, String region, int fiscalYear, List<Target> targets) {

  public AnnualPlanFacts {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * One target, its value as plain decimal text (stored exactly as set).
   *
   * @param ward the ward, or null for the region's total
   * @param figure the statistics path
   * @param target the target value
   */
  public record Target(String ward, String figure, String target) {}
}
