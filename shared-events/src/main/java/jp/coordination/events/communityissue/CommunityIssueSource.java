package jp.coordination.events.communityissue;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What raised a community issue: which part of the hub's work showed it. */
public enum CommunityIssueSource {
  /** Facilities' declines of emergency intakes. */
  INTAKE_DECLINES,
  /** Co-support cases (共同支援). */
  CO_SUPPORT,
  /** Consultation contacts with registered households. */
  CONTACTS,
  /** The council itself (協議会). */
  COUNCIL,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
