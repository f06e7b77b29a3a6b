package jp.coordination.events.communityissue;

import jp.coordination.events.EventType;

/**
 * A community issue was raised to the council (地域課題の提起).
 *
 * @param issueId the new issue's id
 * @param ward the ward it concerns, or {@code null} when it concerns the whole region
 * @param category what it is about
 * @param title a short title, free text without personal data
 * @param raisedBy what raised it
 */
@EventType(name = "CommunityIssueRaised", revision = 1)
public record CommunityIssueRaised(
    String issueId,
    String ward,
    CommunityIssueCategory category,
    String title,
    CommunityIssueSource raisedBy)
    implements CommunityIssueEvent {}
