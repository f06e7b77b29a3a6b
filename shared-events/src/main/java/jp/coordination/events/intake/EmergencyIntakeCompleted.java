package jp.coordination.events.intake;

import jp.coordination.events.EventType;

/**
 * A placed intake ended with the person leaving the facility (退所).
 *
 * @param intakeId the intake
 * @param ward the ward the intake counts for
 * @param householdId the registered household, or {@code null}; repeated here so re-use within 180
 *     days can be counted without the request
 * @param outcome where the person went
 */
@EventType(name = "EmergencyIntakeCompleted", revision = 1)
public record EmergencyIntakeCompleted(
    String intakeId, String ward, String householdId, IntakeOutcome outcome)
    implements IntakeEvent {}
