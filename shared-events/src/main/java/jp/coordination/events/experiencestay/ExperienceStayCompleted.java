package jp.coordination.events.experiencestay;

import jp.coordination.events.EventType;

/**
 * A started experience stay ended.
 *
 * @param stayId the stay
 * @param ward the ward the stay counts for
 * @param kind what the person tried, repeated from the arrangement so that completed stays can be
 *     counted by kind from this event alone
 * @param nightsStayed nights actually stayed, 0 to 30
 * @param outcome what came of it
 */
@EventType(name = "ExperienceStayCompleted", revision = 1)
public record ExperienceStayCompleted(
    String stayId,
    String ward,
    ExperienceStayKind kind,
    int nightsStayed,
    ExperienceStayOutcome outcome)
    implements ExperienceStayEvent {}
