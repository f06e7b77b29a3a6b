package jp.coordination.command.facility;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare how many of a facility's emergency beds are free now. */
public record DeclareFacilityAvailability(
    @TargetAggregateIdentifier String facilityId, int availableBeds) {}
