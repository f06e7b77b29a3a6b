package jp.coordination.events.experiencestay;

import jp.coordination.events.DomainEvent;

/**
 * Every event of an experience stay; the aggregate id is the stay id. States: ARRANGED → STARTED →
 * COMPLETED, or ARRANGED → CANCELLED.
 */
public sealed interface ExperienceStayEvent extends DomainEvent
    permits ExperienceStayArranged,
        ExperienceStayStarted,
        ExperienceStayCompleted,
        ExperienceStayCancelled {

  /** The stay's id. */
  String stayId();

  @Override
  default String aggregateId() {
    return stayId();
  }
}
