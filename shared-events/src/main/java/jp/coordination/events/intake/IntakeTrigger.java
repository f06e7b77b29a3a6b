package jp.coordination.events.intake;

/** What caused an emergency intake request (緊急受入れの契機). */
public enum IntakeTrigger {
  CAREGIVER_SUDDEN_ILLNESS,
  CAREGIVER_DEATH,
  CONDITION_CHANGE,
  ABUSE,
  DISASTER,
  HOUSING_LOSS,
  OTHER
}
