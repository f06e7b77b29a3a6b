package jp.coordination.command.household;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a registered household moved to another ward of the region. */
public record MoveHouseholdToWard(@TargetAggregateIdentifier String householdId, String toWard) {}
