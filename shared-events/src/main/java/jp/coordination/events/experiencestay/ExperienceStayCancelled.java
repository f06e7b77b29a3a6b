package jp.coordination.events.experiencestay;

import jp.coordination.events.EventType;

/**
 * An arranged experience stay was called off before it began.
 *
 * @param stayId the stay
 * @param ward the ward the stay counts for
 * @param reason the coordinator's free-text reason, without personal data
 */
@EventType(name = "ExperienceStayCancelled", revision = 1)
public record ExperienceStayCancelled(String stayId, String ward, String reason)
    implements ExperienceStayEvent {}
