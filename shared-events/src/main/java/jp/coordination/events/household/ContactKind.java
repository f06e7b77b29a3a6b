package jp.coordination.events.household;

/** What a consultation contact with a registered household was (①相談・継続的な状況確認). */
public enum ContactKind {
  /** 定期的な状況確認: the regular check on how the household is doing. */
  FOLLOW_UP,
  /** 相談: the household asked for advice. */
  CONSULTATION,
  /** 再相談: the household came back with a matter already dealt with. */
  RE_CONSULTATION,
  /** 緊急の連絡: an urgent call, possibly ahead of an emergency intake. */
  CRISIS_CALL
}
