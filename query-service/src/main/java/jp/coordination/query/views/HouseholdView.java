package jp.coordination.query.views;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdEvent;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.HouseholdPersonalDataErased;
import jp.coordination.events.household.HouseholdRiskReassessed;
import jp.coordination.events.household.RiskFactor;

/**
 * A registered household now. Its personal data is kept only as the event carried it, encrypted
 * with the household's key; it is decrypted at read time for coordinators, and dropped when the
 * erasure event arrives (after which the key is gone anyway).
 */
public record HouseholdView(
    String id,
    Status status,
    String ward,
    String area,
    List<RiskFactor> riskFactors,
    List<DisabilityType> disabilityTypes,
    boolean child,
    List<SupportNeed> supportNeeds,
    Instant consentAt,
    EncryptedPersonalData encryptedPersonalData,
    boolean personalDataErased,
    Instant registeredAt,
    Instant deregisteredAt,
    DeregistrationReason deregistrationReason,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** Whether the household is on the register. */
  public enum Status {
    REGISTERED,
    DEREGISTERED
  }

  public HouseholdView {
    riskFactors = riskFactors == null ? List.of() : List.copyOf(riskFactors);
    disabilityTypes = disabilityTypes == null ? List.of() : List.copyOf(disabilityTypes);
    supportNeeds = supportNeeds == null ? List.of() : List.copyOf(supportNeeds);
  }

  /** Whether it counts as an active registered household. */
  public boolean active() {
    return status == Status.REGISTERED;
  }

  /** The household after the event; {@code state} is null before the first event. */
  public static HouseholdView evolve(HouseholdView state, EventEnvelope envelope) {
    HouseholdEvent event = (HouseholdEvent) envelope.payload();
    HouseholdView s = state != null ? state : unknown(event.householdId(), event.ward());
    HouseholdView next;
    if (event instanceof AtRiskHouseholdRegistered e) {
      next =
          new HouseholdView(
              e.householdId(),
              Status.REGISTERED,
              e.ward(),
              e.area(),
              e.riskFactors(),
              e.disabilityTypes(),
              e.child(),
              e.supportNeeds(),
              e.consentAt(),
              e.personalData(),
              false,
              envelope.occurredAt(),
              null,
              null,
              0,
              null);
    } else if (event instanceof HouseholdRiskReassessed e) {
      next =
          new HouseholdView(
              s.id,
              s.status,
              s.ward,
              s.area,
              e.riskFactors(),
              s.disabilityTypes,
              s.child,
              e.supportNeeds(),
              s.consentAt,
              s.encryptedPersonalData,
              s.personalDataErased,
              s.registeredAt,
              s.deregisteredAt,
              s.deregistrationReason,
              0,
              null);
    } else if (event instanceof HouseholdMovedWard e) {
      next =
          new HouseholdView(
              s.id,
              s.status,
              e.toWard(),
              null,
              s.riskFactors,
              s.disabilityTypes,
              s.child,
              s.supportNeeds,
              s.consentAt,
              s.encryptedPersonalData,
              s.personalDataErased,
              s.registeredAt,
              s.deregisteredAt,
              s.deregistrationReason,
              0,
              null);
    } else if (event instanceof HouseholdDeregistered e) {
      next =
          new HouseholdView(
              s.id,
              Status.DEREGISTERED,
              s.ward,
              s.area,
              s.riskFactors,
              s.disabilityTypes,
              s.child,
              s.supportNeeds,
              s.consentAt,
              s.encryptedPersonalData,
              s.personalDataErased,
              s.registeredAt,
              envelope.occurredAt(),
              e.reason(),
              0,
              null);
    } else if (event instanceof HouseholdPersonalDataErased) {
      next =
          new HouseholdView(
              s.id,
              s.status,
              s.ward,
              s.area,
              s.riskFactors,
              s.disabilityTypes,
              s.child,
              s.supportNeeds,
              s.consentAt,
              null,
              true,
              s.registeredAt,
              s.deregisteredAt,
              s.deregistrationReason,
              0,
              null);
    } else if (event instanceof HouseholdContactRecorded) {
      // A contact (①) changes nothing the coordinator's view shows; the statistics count it.
      next = s;
    } else {
      throw new IllegalArgumentException("Unhandled household event " + envelope.type());
    }
    return next.stamped(envelope);
  }

  /**
   * A household whose registration the query side never saw (e.g. the topic's retention dropped
   * it): later events still fill what they know, and it does not count as active.
   */
  private static HouseholdView unknown(String id, String ward) {
    return new HouseholdView(
        id, null, ward, null, List.of(), List.of(), false, List.of(), null, null, false, null, null,
        null, -1, null);
  }

  private HouseholdView stamped(EventEnvelope envelope) {
    return new HouseholdView(
        id,
        status,
        ward,
        area,
        riskFactors,
        disabilityTypes,
        child,
        supportNeeds,
        consentAt,
        encryptedPersonalData,
        personalDataErased,
        registeredAt,
        deregisteredAt,
        deregistrationReason,
        envelope.sequence(),
        envelope.recordedAt());
  }
}
