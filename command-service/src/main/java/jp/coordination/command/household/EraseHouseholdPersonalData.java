package jp.coordination.command.household;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a household's personal data was erased (its data key is already destroyed). */
public record EraseHouseholdPersonalData(@TargetAggregateIdentifier String householdId) {}
