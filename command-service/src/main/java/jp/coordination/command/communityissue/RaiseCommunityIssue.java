package jp.coordination.command.communityissue;

import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueSource;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise a community issue to the council; without a ward it concerns the whole region. */
public record RaiseCommunityIssue(
    @TargetAggregateIdentifier String issueId,
    String ward,
    CommunityIssueCategory category,
    String title,
    CommunityIssueSource raisedBy) {}
