package jp.coordination.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a held capacity-building activity. */
public record RecordCapacityActivity(
    @TargetAggregateIdentifier String activityId, ActivityRecord record) {}
