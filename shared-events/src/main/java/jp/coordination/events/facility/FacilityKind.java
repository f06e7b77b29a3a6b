package jp.coordination.events.facility;

/** Kind of facility that takes emergency stays (緊急受入れ施設の種別). */
public enum FacilityKind {
  SHORT_STAY,
  GROUP_HOME,
  DAY_SERVICE_GROUP_HOME,
  OTHER
}
