package jp.coordination.events.household;

/** How a consultation contact took place. */
public enum ContactChannel {
  PHONE,
  VISIT,
  OFFICE,
  ONLINE
}
