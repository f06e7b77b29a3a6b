package jp.coordination.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a recorded activity: the whole record again, replacing the previous one. */
public record CorrectCapacityActivity(
    @TargetAggregateIdentifier String activityId, ActivityRecord record) {}
