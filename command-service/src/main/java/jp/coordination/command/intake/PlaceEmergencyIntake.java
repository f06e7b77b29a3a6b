package jp.coordination.command.intake;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Place a requested intake in a registered facility (checked by the caller: aggregates do no I/O). */
public record PlaceEmergencyIntake(@TargetAggregateIdentifier String intakeId, String facilityId) {}
