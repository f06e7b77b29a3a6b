package jp.coordination.events.communityissue;

import jp.coordination.events.EventType;

/**
 * A proposed issue was closed; a closed issue takes no more events.
 *
 * @param issueId the issue
 * @param ward the ward it concerns, or {@code null} for the region
 * @param resolution whether it was resolved
 * @param note what became of it, free text without personal data
 */
@EventType(name = "CommunityIssueClosed", revision = 1)
public record CommunityIssueClosed(
    String issueId, String ward, CommunityIssueResolution resolution, String note)
    implements CommunityIssueEvent {}
