package jp.coordination.events.facility;

import jp.coordination.events.EventType;

/**
 * A facility declared how many of its emergency beds are free now.
 *
 * @param facilityId the facility
 * @param ward the ward it is in
 * @param availableBeds free emergency beds, from 0 to the facility's emergency beds
 */
@EventType(name = "FacilityAvailabilityDeclared", revision = 1)
public record FacilityAvailabilityDeclared(String facilityId, String ward, int availableBeds)
    implements FacilityEvent {}
