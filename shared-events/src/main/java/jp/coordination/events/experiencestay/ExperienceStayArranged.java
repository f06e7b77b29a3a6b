package jp.coordination.events.experiencestay;

import java.time.LocalDate;
import jp.coordination.events.EventType;

/**
 * An experience stay was arranged (体験の機会の調整). Its planned days are civil dates in Asia/Tokyo; the
 * planned nights are the days between them, at most 30.
 *
 * @param stayId the new stay's id
 * @param ward the ward the stay counts for
 * @param kind what the person will try
 * @param householdId the registered household, or {@code null}
 * @param facilityId the registered facility that hosts it, or {@code null} (e.g. a flat for a
 *     living-alone trial)
 * @param firstDay the planned first day
 * @param lastDay the planned last day; not before {@code firstDay}
 */
@EventType(name = "ExperienceStayArranged", revision = 1)
public record ExperienceStayArranged(
    String stayId,
    String ward,
    ExperienceStayKind kind,
    String householdId,
    String facilityId,
    LocalDate firstDay,
    LocalDate lastDay)
    implements ExperienceStayEvent {}
