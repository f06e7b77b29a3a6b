package jp.coordination.command.household;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a household where no help can be expected in an emergency. */
public record RegisterAtRiskHousehold(
    @TargetAggregateIdentifier String householdId,
    String ward,
    String area,
    List<RiskFactor> riskFactors,
    List<DisabilityType> disabilityTypes,
    boolean child,
    List<SupportNeed> supportNeeds,
    Instant consentAt,
    PersonalData person) {}
