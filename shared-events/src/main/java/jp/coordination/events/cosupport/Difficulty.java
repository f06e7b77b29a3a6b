package jp.coordination.events.cosupport;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What makes a case difficult for a consultation office alone (支援困難の要因). */
public enum Difficulty {
  SUPPORT_REFUSAL,
  MULTI_PROBLEM_HOUSEHOLD,
  BEHAVIOURAL,
  MEDICAL,
  ABUSE,
  HOUSING,
  LIFE_STAGE_TRANSITION,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
