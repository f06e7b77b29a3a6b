package jp.coordination.events.intake;

import jp.coordination.events.DomainEvent;

/** Every event of an emergency intake; the aggregate id is the intake id. */
public sealed interface IntakeEvent extends DomainEvent
    permits EmergencyIntakeRequested,
        EmergencyIntakeDeclined,
        EmergencyIntakePlaced,
        EmergencyIntakeCompleted,
        EmergencyIntakeCancelled {

  /** The intake's id. */
  String intakeId();

  @Override
  default String aggregateId() {
    return intakeId();
  }
}
