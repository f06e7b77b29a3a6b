package jp.coordination.events.communityissue;

import jp.coordination.events.EventType;

/**
 * A discussed issue became a policy proposal (政策提言).
 *
 * @param issueId the issue
 * @param ward the ward it concerns, or {@code null} for the region
 * @param to to whom it was proposed (e.g. 障害者支援課), free text without personal data
 */
@EventType(name = "CommunityIssueProposed", revision = 1)
public record CommunityIssueProposed(String issueId, String ward, String to)
    implements CommunityIssueEvent {}
