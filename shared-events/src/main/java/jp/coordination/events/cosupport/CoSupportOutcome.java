package jp.coordination.events.cosupport;

/** How a co-support case ended (共同支援の終結). */
public enum CoSupportOutcome {
  OFFICE_CONTINUES_ALONE,
  TRANSFERRED,
  ESCALATED,
  ENDED_OTHER
}
