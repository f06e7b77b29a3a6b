package jp.coordination.events.capacity;

/** Who took part in a capacity-building activity, counted by kind. */
public enum ParticipantKind {
  /** 相談支援専門員. */
  CONSULTATION_SPECIALIST,
  SERVICE_PROVIDER,
  MEDICAL,
  ADMINISTRATION,
  OTHER
}
