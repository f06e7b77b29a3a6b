package jp.coordination.events.household;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;
import jp.coordination.events.care.SupportNeed;

/**
 * A household where no help can be expected in an emergency was registered beforehand
 * (緊急時の支援が見込めない世帯の事前登録).
 *
 * @param householdId the new household's id
 * @param ward the ward the household lives in
 * @param area an optional area within the ward, or {@code null}
 * @param riskFactors why no help can be expected; at least one
 * @param disabilityTypes the member's disability types
 * @param child whether the member is a child (障害児)
 * @param supportNeeds what support a facility would have to give
 * @param consentAt when the household consented to registration
 * @param personalData identifying personal data (name, address, phone, birth year), encrypted with
 *     the household's data key; never in clear
 */
// Revision 1 carried the person in clear; it is not readable by this build (docs/events.md).
@EventType(name = "AtRiskHouseholdRegistered", revision = 2, oldestReadable = 2)
public record AtRiskHouseholdRegistered(
    String householdId,
    String ward,
    String area,
    List<RiskFactor> riskFactors,
    List<DisabilityType> disabilityTypes,
    boolean child,
    List<SupportNeed> supportNeeds,
    Instant consentAt,
    EncryptedPersonalData personalData)
    implements HouseholdEvent {

  public AtRiskHouseholdRegistered {
    riskFactors = Codes.normalised(riskFactors);
    disabilityTypes = Codes.normalised(disabilityTypes);
    supportNeeds = Codes.normalised(supportNeeds);
  }
}
