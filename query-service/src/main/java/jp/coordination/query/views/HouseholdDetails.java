package jp.coordination.query.views;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.household.RiskFactor;

/**
 * What a coordinator reads of a household: the view with its personal data decrypted, or {@code
 * personalData: null} with {@code erased: true} once it was erased. Built per request, never
 * stored, never logged.
 */
public record HouseholdDetails(
    String id,
    HouseholdView.Status status,
    String ward,
    String area,
    List<RiskFactor> riskFactors,
    List<DisabilityType> disabilityTypes,
    boolean child,
    List<SupportNeed> supportNeeds,
    Instant consentAt,
    PersonalData personalData,
    boolean erased,
    Instant registeredAt,
    Instant deregisteredAt,
    DeregistrationReason deregistrationReason,
    long sequence,
    Instant lastEventAt) {

  static HouseholdDetails of(HouseholdView v, PersonalData personalData, boolean erased) {
    return new HouseholdDetails(
        v.id(),
        v.status(),
        v.ward(),
        v.area(),
        v.riskFactors(),
        v.disabilityTypes(),
        v.child(),
        v.supportNeeds(),
        v.consentAt(),
        erased ? null : personalData,
        erased,
        v.registeredAt(),
        v.deregisteredAt(),
        v.deregistrationReason(),
        v.sequence(),
        v.lastEventAt());
  }

  @Override
  public String toString() {
    return "HouseholdDetails[" + id + "]";
  }
}
