package jp.coordination.events.facility;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Kind of facility that takes emergency stays (緊急受入れ施設の種別). */
public enum FacilityKind {
  SHORT_STAY,
  GROUP_HOME,
  DAY_SERVICE_GROUP_HOME,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
