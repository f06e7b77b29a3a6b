package jp.coordination.events.communityissue;

/** What a community issue is about (地域課題の分類). */
public enum CommunityIssueCategory {
  RESOURCE_SHORTAGE,
  MEDICAL_CARE,
  BEHAVIOURAL_SUPPORT,
  HOUSING,
  EMERGENCY_SYSTEM,
  HUMAN_RESOURCES,
  OTHER
}
