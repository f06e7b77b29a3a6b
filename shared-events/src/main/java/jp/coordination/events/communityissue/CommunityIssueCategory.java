package jp.coordination.events.communityissue;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What a community issue is about (地域課題の分類). */
public enum CommunityIssueCategory {
  RESOURCE_SHORTAGE,
  MEDICAL_CARE,
  BEHAVIOURAL_SUPPORT,
  HOUSING,
  EMERGENCY_SYSTEM,
  HUMAN_RESOURCES,
  /** Also what an unknown code of a newer producer is read as (docs/events.md, "Enumerations"). */
  @JsonEnumDefaultValue
  OTHER
}
