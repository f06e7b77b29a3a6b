package jp.coordination.events.cosupport;

/** What the core center did together with the office (共同支援の活動). */
public enum ActivityType {
  JOINT_VISIT,
  CASE_CONFERENCE,
  EXPERT_ADVICE,
  GROUP_SUPERVISION,
  CASE_REVIEW
}
