package jp.coordination.command.household;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a household where no help can be expected in an emergency. The personal data is already
 * encrypted with the household's data key: the clear data never reaches Axon or the store.
 */
public record RegisterAtRiskHousehold(
    @TargetAggregateIdentifier String householdId,
    String ward,
    String area,
    List<RiskFactor> riskFactors,
    List<DisabilityType> disabilityTypes,
    boolean child,
    List<SupportNeed> supportNeeds,
    Instant consentAt,
    EncryptedPersonalData personalData) {}
