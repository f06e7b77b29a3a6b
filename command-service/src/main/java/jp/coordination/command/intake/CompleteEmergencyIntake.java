package jp.coordination.command.intake;

import jp.coordination.events.intake.IntakeOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Complete a placed intake: the person left the facility. */
public record CompleteEmergencyIntake(
    @TargetAggregateIdentifier String intakeId, IntakeOutcome outcome) {}
