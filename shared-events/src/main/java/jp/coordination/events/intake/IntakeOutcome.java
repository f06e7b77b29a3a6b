package jp.coordination.events.intake;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where the person went after an emergency stay (退所先). RETURNED_HOME is 在宅復帰. */
public enum IntakeOutcome {
  RETURNED_HOME,
  GROUP_HOME,
  RESIDENTIAL_FACILITY,
  HOSPITAL,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
