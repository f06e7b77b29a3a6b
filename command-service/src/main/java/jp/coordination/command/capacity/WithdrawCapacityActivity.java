package jp.coordination.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a recorded activity (recorded by mistake, or it did not take place). */
public record WithdrawCapacityActivity(
    @TargetAggregateIdentifier String activityId, String reason) {}
