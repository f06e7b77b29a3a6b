package jp.coordination.events.intake;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a facility declined an emergency intake (受入れ不可の理由). */
public enum DeclineReason {
  NO_BED,
  CANNOT_MEET_MEDICAL_NEEDS,
  CANNOT_MEET_BEHAVIOURAL_NEEDS,
  INSUFFICIENT_INFORMATION,
  STAFF_SHORTAGE,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
