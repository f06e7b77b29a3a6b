package jp.coordination.command.facility;

import java.util.List;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a facility in the emergency network with the beds it keeps for emergencies. */
public record RegisterFacility(
    @TargetAggregateIdentifier String facilityId,
    String name,
    String ward,
    FacilityKind kind,
    List<Capability> capabilities,
    int emergencyBeds) {}
