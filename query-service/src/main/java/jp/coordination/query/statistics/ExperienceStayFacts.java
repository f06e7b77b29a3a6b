package jp.coordination.query.statistics;

import java.time.Instant;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;

/**
 * What the statistics need to know about one experience stay. Every time is the business time of
 * its event and every ward the ward that event counts for.
 *
 * @param stayId the stay
 * @param sequence the last applied event's sequence
 * @param arrangedAt when it was arranged (null until known)
 * @param arrangedWard ward of the arrangement
 * @param completedAt when it was completed, if it was
 * @param completedWard ward of the completion
 * @param kind what was tried, as the completion repeats it
 * @param nightsStayed nights stayed, from the completion
 * @param outcome outcome of the completion
 */
public record ExperienceStayFacts(
    String stayId,
    long sequence,
    Instant arrangedAt,
    String arrangedWard,
    Instant completedAt,
    String completedWard,
    ExperienceStayKind kind,
    int nightsStayed,
    ExperienceStayOutcome outcome) {}
