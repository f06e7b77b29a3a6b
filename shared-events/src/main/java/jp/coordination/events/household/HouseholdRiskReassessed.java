package jp.coordination.events.household;

import java.util.List;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;
import jp.coordination.events.care.SupportNeed;

/**
 * A registered household's risk factors and support needs were reassessed; the lists replace the
 * previous ones.
 *
 * @param householdId the household
 * @param ward the ward the household is in
 * @param riskFactors the risk factors now; at least one
 * @param supportNeeds the support needs now
 */
@EventType(name = "HouseholdRiskReassessed", revision = 1)
public record HouseholdRiskReassessed(
    String householdId, String ward, List<RiskFactor> riskFactors, List<SupportNeed> supportNeeds)
    implements HouseholdEvent {

  public HouseholdRiskReassessed {
    riskFactors = Codes.normalised(riskFactors);
    supportNeeds = Codes.normalised(supportNeeds);
  }
}
