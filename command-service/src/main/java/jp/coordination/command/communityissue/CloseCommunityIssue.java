package jp.coordination.command.communityissue;

import jp.coordination.events.communityissue.CommunityIssueResolution;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a proposed issue, resolved or not, with a note. */
public record CloseCommunityIssue(
    @TargetAggregateIdentifier String issueId, CommunityIssueResolution resolution, String note) {}
