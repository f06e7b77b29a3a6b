package jp.coordination.events.intake;

import java.util.List;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;
import jp.coordination.events.care.SupportNeed;

/**
 * An emergency intake into a short-stay facility was requested (緊急受入れの依頼). The request's business
 * time (the envelope's {@code occurredAt}) decides its fiscal year and whether it came out of
 * hours.
 *
 * @param intakeId the new intake's id
 * @param ward the ward the request counts for
 * @param householdId the registered household, or {@code null} when the person was not registered
 * @param trigger what caused the request
 * @param supportNeeds the support the facility must give
 */
@EventType(name = "EmergencyIntakeRequested", revision = 1)
public record EmergencyIntakeRequested(
    String intakeId,
    String ward,
    String householdId,
    IntakeTrigger trigger,
    List<SupportNeed> supportNeeds)
    implements IntakeEvent {

  public EmergencyIntakeRequested {
    supportNeeds = Codes.normalised(supportNeeds);
  }
}
