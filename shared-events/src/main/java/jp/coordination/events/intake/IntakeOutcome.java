package jp.coordination.events.intake;

/** Where the person went after an emergency stay (退所先). RETURNED_HOME is 在宅復帰. */
public enum IntakeOutcome {
  RETURNED_HOME,
  GROUP_HOME,
  RESIDENTIAL_FACILITY,
  HOSPITAL,
  OTHER
}
