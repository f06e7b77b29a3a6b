package jp.coordination.command.intake;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a requested intake before placement. */
public record CancelEmergencyIntake(@TargetAggregateIdentifier String intakeId, String reason) {}
