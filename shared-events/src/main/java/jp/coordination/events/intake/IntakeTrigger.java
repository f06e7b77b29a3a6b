package jp.coordination.events.intake;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What caused an emergency intake request (緊急受入れの契機). */
public enum IntakeTrigger {
  CAREGIVER_SUDDEN_ILLNESS,
  CAREGIVER_DEATH,
  CONDITION_CHANGE,
  ABUSE,
  DISASTER,
  HOUSING_LOSS,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
