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
 * @param decidedAt when the command was accepted (the server's clock), which the deadline is
 *     judged on: a business time given by the client could be set back to reopen a reviewed year
 */
public record SetAnnualPlan(
    @TargetAggregateIdentifier String planId,
    String region,
    int fiscalYear,
    List<PlanTarget> targets,
    Instant decidedAt) {}
