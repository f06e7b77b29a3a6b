package jp.coordination.events.capacity;

import jp.coordination.events.DomainEvent;

/**
 * Every event of a capacity-building activity; the aggregate id is the activity id. An activity is
 * recorded once, may be corrected any number of times and withdrawn once; a withdrawn activity
 * takes no more events.
 */
public sealed interface CapacityActivityEvent extends DomainEvent
    permits CapacityActivityRecorded, CapacityActivityCorrected, CapacityActivityWithdrawn {

  /** The activity's id. */
  String activityId();

  @Override
  default String aggregateId() {
    return activityId();
  }

  /**
   * The ward an activity counts for in the envelope: the one ward it served, or {@code null} when
   * it served several wards or the whole region (it then counts once for each ward of {@code
   * wards}, or for the region).
   */
  static String wardOf(java.util.List<String> wards) {
    return wards != null && wards.size() == 1 ? wards.get(0) : null;
  }
}
