package jp.coordination.command.household;

import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a registered household's risk factors and support needs. */
public record ReassessHouseholdRisk(
    @TargetAggregateIdentifier String householdId,
    List<RiskFactor> riskFactors,
    List<SupportNeed> supportNeeds) {}
