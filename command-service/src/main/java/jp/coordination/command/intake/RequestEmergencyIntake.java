package jp.coordination.command.intake;

import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.intake.IntakeTrigger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Request an emergency intake; the household id is optional because many people were never
 * registered.
 */
public record RequestEmergencyIntake(
    @TargetAggregateIdentifier String intakeId,
    String ward,
    String householdId,
    IntakeTrigger trigger,
    List<SupportNeed> supportNeeds) {}
