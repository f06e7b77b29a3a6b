package jp.coordination.events.experiencestay;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What came of a completed experience stay. MOVED_TO_GROUP_HOME and STARTED_LIVING_ALONE are the
 * transitions (地域移行) that the statistics' transition rate counts.
 */
public enum ExperienceStayOutcome {
  MOVED_TO_GROUP_HOME,
  STARTED_LIVING_ALONE,
  CONTINUES_AT_HOME,
  WILL_TRY_AGAIN,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
