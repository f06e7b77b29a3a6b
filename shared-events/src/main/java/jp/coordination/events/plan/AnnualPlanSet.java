package jp.coordination.events.plan;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import jp.coordination.events.EventType;

/**
 * The targets of a region's fiscal year were set (事業計画), replacing any set before. Allowed until
 * three months after the year ends (30 June of the next calendar year, 24:00 JST).
 *
 * @param planId the plan's id: {@link #planIdOf(String, int)} of region and fiscal year
 * @param ward always {@code null}: a plan belongs to the region, its targets name their wards
 * @param region the region's code, e.g. {@code sendai}
 * @param fiscalYear the fiscal year (FY N from 1 April N)
 * @param targets the year's targets, in the order given; at most one per ward and figure; empty
 *     clears the plan
 */
@EventType(name = "AnnualPlanSet", revision = 1)
public record AnnualPlanSet(
    String planId, String ward, String region, int fiscalYear, List<PlanTarget> targets)
    implements AnnualPlanEvent {

  public AnnualPlanSet {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * The id of the plan of a region and fiscal year: a name-based UUID (version 3) of {@code
   * AnnualPlan:<region>:<fiscalYear>}, so that every writer and reader finds the same stream.
   */
  public static String planIdOf(String region, int fiscalYear) {
    return UUID.nameUUIDFromBytes(
            ("AnnualPlan:" + region + ":" + fiscalYear).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
