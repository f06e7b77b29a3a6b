package jp.coordination.events.care;

/** Support a person needs from a facility (必要な支援); matched against facility capabilities. */
public enum SupportNeed {
  MEDICAL_CARE,
  BEHAVIOURAL_SUPPORT,
  WHEELCHAIR,
  FEMALE_STAFF,
  PSYCHIATRIC_CARE
}
