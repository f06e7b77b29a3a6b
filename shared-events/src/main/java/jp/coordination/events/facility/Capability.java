package jp.coordination.events.facility;

/** What a facility can handle; an intake's support needs must be covered by these. */
public enum Capability {
  MEDICAL_CARE,
  BEHAVIOURAL_SUPPORT,
  FEMALE_ONLY,
  CHILD,
  WHEELCHAIR
}
