package jp.coordination.events.household;

import jp.coordination.events.DomainEvent;

/** Every event of an at-risk household; the aggregate id is the household id. */
public sealed interface HouseholdEvent extends DomainEvent
    permits AtRiskHouseholdRegistered,
        HouseholdRiskReassessed,
        HouseholdMovedWard,
        HouseholdDeregistered,
        HouseholdPersonalDataErased,
        HouseholdContactRecorded {

  /** The household's id. */
  String householdId();

  @Override
  default String aggregateId() {
    return householdId();
  }
}
