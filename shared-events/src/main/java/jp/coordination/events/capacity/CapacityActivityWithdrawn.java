package jp.coordination.events.capacity;

import jp.coordination.events.EventType;

/**
 * A recorded capacity-building activity was withdrawn (recorded by mistake, or it did not take
 * place). It no longer counts; it takes no more events.
 *
 * @param activityId the activity
 * @param ward the ward of its last record: the one ward it served, or {@code null}
 * @param reason the coordinator's free-text reason, without personal data
 */
@EventType(name = "CapacityActivityWithdrawn", revision = 1)
public record CapacityActivityWithdrawn(String activityId, String ward, String reason)
    implements CapacityActivityEvent {}
