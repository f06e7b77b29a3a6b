package jp.coordination.events.intake;

import jp.coordination.events.EventType;

/**
 * A facility declined a requested intake (受入れ不可). The intake stays requested.
 *
 * @param intakeId the intake
 * @param ward the ward the intake counts for
 * @param facilityId the facility that declined
 * @param reason why it declined
 */
@EventType(name = "EmergencyIntakeDeclined", revision = 1)
public record EmergencyIntakeDeclined(
    String intakeId, String ward, String facilityId, DeclineReason reason) implements IntakeEvent {}
