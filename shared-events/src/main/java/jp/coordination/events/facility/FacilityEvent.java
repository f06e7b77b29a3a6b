package jp.coordination.events.facility;

import jp.coordination.events.DomainEvent;

/** Every event of a facility; the aggregate id is the facility id. */
public sealed interface FacilityEvent extends DomainEvent
    permits FacilityRegistered, FacilityAvailabilityDeclared {

  /** The facility's id. */
  String facilityId();

  @Override
  default String aggregateId() {
    return facilityId();
  }
}
