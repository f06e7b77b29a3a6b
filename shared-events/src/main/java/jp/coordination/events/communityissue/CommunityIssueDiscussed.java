package jp.coordination.events.communityissue;

import java.time.LocalDate;
import jp.coordination.events.EventType;

/**
 * A council meeting discussed a raised issue (協議). Repeated for each meeting until the proposal.
 *
 * @param issueId the issue
 * @param ward the ward it concerns, or {@code null} for the region
 * @param meetingDate the date of the meeting (Asia/Tokyo)
 */
@EventType(name = "CommunityIssueDiscussed", revision = 1)
public record CommunityIssueDiscussed(String issueId, String ward, LocalDate meetingDate)
    implements CommunityIssueEvent {}
