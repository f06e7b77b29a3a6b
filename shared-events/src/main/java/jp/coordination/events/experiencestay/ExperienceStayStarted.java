package jp.coordination.events.experiencestay;

import jp.coordination.events.EventType;

/**
 * An arranged experience stay began. The envelope's {@code occurredAt} is when it began.
 *
 * @param stayId the stay
 * @param ward the ward the stay counts for
 */
@EventType(name = "ExperienceStayStarted", revision = 1)
public record ExperienceStayStarted(String stayId, String ward) implements ExperienceStayEvent {}
