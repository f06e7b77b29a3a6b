package jp.coordination.events.household;

/** Disability types of a registered household's member (障害種別). */
public enum DisabilityType {
  PHYSICAL,
  INTELLECTUAL,
  PSYCHIATRIC,
  DEVELOPMENTAL,
  INTRACTABLE_DISEASE
}
