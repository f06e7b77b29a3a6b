package jp.coordination.events.capacity;

/** Who organised a capacity-building activity. */
public enum Organiser {
  /** 基幹相談支援センター. */
  CORE_CENTER,
  /** 地域生活支援拠点. */
  HUB,
  /** 自立支援協議会. */
  COUNCIL
}
