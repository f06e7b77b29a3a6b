package jp.coordination.events.intake;

import java.time.LocalDate;
import jp.coordination.events.EventType;

/**
 * A requested intake was placed in a registered facility (受入れ決定).
 *
 * <p>Revision 2 adds the expected last day, so that a coordinator looking for a bed at night can
 * see when the beds of a ward are expected to free up. Revision 1 did not ask for it: its events
 * are read through {@link EmergencyIntakePlacedRevision1} with the day unknown.
 *
 * @param intakeId the intake
 * @param ward the ward the intake counts for
 * @param facilityId the facility that took the person
 * @param expectedLastDay the day the stay is expected to end (Asia/Tokyo), or {@code null} when the
 *     coordinator did not know it or the event was recorded at revision 1
 */
@EventType(name = "EmergencyIntakePlaced", revision = 2)
public record EmergencyIntakePlaced(
    String intakeId, String ward, String facilityId, LocalDate expectedLastDay)
    implements IntakeEvent {}
