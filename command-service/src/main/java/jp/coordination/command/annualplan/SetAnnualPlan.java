package jp.coordination.command.annualplan;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.plan.PlanTarget;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the targets of a region's fiscal year, replacing those set before.
 *
 * @param planId the plan's id ({@code AnnualPlanSet.planIdOf(region, fiscalYear)})
 * @param region the region's code
 * @param fiscalYear the fiscal year
 * @param targets the targets, wards already checked against the region
 * @param decidedAt when the council decided the plan: the command's business time ({@code at}, or
 *     now), which the deadline is judged on, as a plan decided in time may be entered later (a year
 *     migrated from paper). A late entry cannot change a review already made: the review is
 *     reproduced with the evaluation's {@code recordedUpTo}, which leaves it out, and the audit
 *     shows its recorded time beside the business time.
 */
public record SetAnnualPlan(
    @TargetAggregateIdentifier String planId,
    String region,
    int fiscalYear,
    List<PlanTarget> targets,
    Instant decidedAt) {}
