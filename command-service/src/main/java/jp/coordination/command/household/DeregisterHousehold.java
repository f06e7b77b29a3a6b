package jp.coordination.command.household;

import jp.coordination.events.household.DeregistrationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a household off the register. */
public record DeregisterHousehold(
    @TargetAggregateIdentifier String householdId, DeregistrationReason reason) {}
