package jp.coordination.events.household;

/** Why no help can be expected in an emergency (緊急時の支援が見込めない理由). Codes are part of the contract. */
public enum RiskFactor {
  CAREGIVER_AGED,
  CAREGIVER_ILL,
  SINGLE_CAREGIVER,
  LIVES_ALONE,
  CONDITION_FLUCTUATES,
  ISOLATED,
  HOUSING_INSTABILITY,
  ABUSE_RISK,
  DISASTER_VULNERABLE
}
