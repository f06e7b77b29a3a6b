package jp.coordination.events.experiencestay;

/** What a person tries during an experience stay (体験の種類). */
public enum ExperienceStayKind {
  /** GH体験利用: a trial stay in a group home. */
  GROUP_HOME_TRIAL,
  /** 一人暮らし体験: a trial of living alone. */
  LIVING_ALONE_TRIAL,
  /** 短期入所の体験利用: a trial of short stay before an emergency needs it. */
  SHORT_STAY_TRIAL,
  /** 日中活動の体験: a trial of a day activity. */
  DAY_ACTIVITY_TRIAL
}
