package jp.coordination.events.capacity;

/** What kind of capacity-building activity was held. */
public enum CapacityActivityKind {
  /** 合同事例検討会: a joint case review meeting. */
  CASE_REVIEW_MEETING,
  /** GSV: group supervision. */
  GROUP_SUPERVISION,
  /** 研修会: a training. */
  TRAINING,
  /** 事業所訪問・助言: a visit to a consultation office with advice. */
  OFFICE_VISIT,
  /** 連絡会・情報交換会: a liaison or information-exchange meeting. */
  LIAISON_MEETING,
  /** 施設訪問: a visit to a facility. */
  FACILITY_VISIT
}
