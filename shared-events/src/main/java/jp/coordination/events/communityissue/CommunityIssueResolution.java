package jp.coordination.events.communityissue;

/** How a community issue was closed. */
public enum CommunityIssueResolution {
  RESOLVED,
  NOT_RESOLVED
}
