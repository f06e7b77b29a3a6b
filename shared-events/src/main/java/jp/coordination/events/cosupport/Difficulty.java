package jp.coordination.events.cosupport;

/** What makes a case difficult for a consultation office alone (支援困難の要因). */
public enum Difficulty {
  SUPPORT_REFUSAL,
  MULTI_PROBLEM_HOUSEHOLD,
  BEHAVIOURAL,
  MEDICAL,
  ABUSE,
  HOUSING,
  LIFE_STAGE_TRANSITION,
  OTHER
}
