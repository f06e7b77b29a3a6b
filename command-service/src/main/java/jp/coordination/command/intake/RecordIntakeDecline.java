package jp.coordination.command.intake;

import jp.coordination.events.intake.DeclineReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a facility declined a requested intake. */
public record RecordIntakeDecline(
    @TargetAggregateIdentifier String intakeId, String facilityId, DeclineReason reason) {}
