package jp.coordination.events.plan;

import jp.coordination.events.DomainEvent;

/**
 * Every event of an annual plan; the aggregate id is the plan id, one per region and fiscal year
 * ({@link AnnualPlanSet#planIdOf}).
 */
public sealed interface AnnualPlanEvent extends DomainEvent permits AnnualPlanSet {

  /** The plan's id. */
  String planId();

  @Override
  default String aggregateId() {
    return planId();
  }
}
