package jp.coordination.events.experiencestay;

/**
 * What came of a completed experience stay. MOVED_TO_GROUP_HOME and STARTED_LIVING_ALONE are the
 * transitions (地域移行) that the statistics' transition rate counts.
 */
public enum ExperienceStayOutcome {
  MOVED_TO_GROUP_HOME,
  STARTED_LIVING_ALONE,
  CONTINUES_AT_HOME,
  WILL_TRY_AGAIN,
  OTHER
}
