package jp.coordination.events.capacity;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Who took part in a capacity-building activity, counted by kind. */
public enum ParticipantKind {
  /** 相談支援専門員. */
  CONSULTATION_SPECIALIST,
  SERVICE_PROVIDER,
  MEDICAL,
  ADMINISTRATION,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
