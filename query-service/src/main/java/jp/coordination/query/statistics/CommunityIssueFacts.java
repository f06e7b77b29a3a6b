package jp.coordination.query.statistics;

import java.time.Instant;
import jp.coordination.events.communityissue.CommunityIssueCategory;

/**
 * What the statistics need to know about one community issue. All its events count for the ward it
 * was raised for, or for the region's total only when it was raised for the whole region.
 *
 * @param issueId the issue
 * @param sequence the last applied event's sequence
 * @param ward the ward it concerns, or null for the whole region
 * @param category what it is about (null until the raising is known)
 * @param raisedAt when it was raised
 * @param proposedAt when it was proposed, if it was
 * @param closedAt when it was closed, if it was
 */
public record CommunityIssueFacts(
    String issueId,
    long sequence,
    String ward,
    CommunityIssueCategory category,
    Instant raisedAt,
    Instant proposedAt,
    Instant closedAt) {}
