package jp.coordination.events.intake;

import jp.coordination.events.EventType;

/**
 * A requested intake was withdrawn before placement.
 *
 * @param intakeId the intake
 * @param ward the ward the intake counts for
 * @param reason the coordinator's free-text reason
 */
@EventType(name = "EmergencyIntakeCancelled", revision = 1)
public record EmergencyIntakeCancelled(String intakeId, String ward, String reason)
    implements IntakeEvent {}
