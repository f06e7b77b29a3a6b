package jp.coordination.events.intake;

import jp.coordination.events.EventType;

/**
 * A requested intake was placed in a registered facility (受入れ決定).
 *
 * @param intakeId the intake
 * @param ward the ward the intake counts for
 * @param facilityId the facility that took the person
 */
@EventType(name = "EmergencyIntakePlaced", revision = 1)
public record EmergencyIntakePlaced(String intakeId, String ward, String facilityId)
    implements IntakeEvent {}
