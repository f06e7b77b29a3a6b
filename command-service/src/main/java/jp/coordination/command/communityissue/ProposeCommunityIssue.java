package jp.coordination.command.communityissue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the discussed issue became a policy proposal (政策提言) to someone. */
public record ProposeCommunityIssue(@TargetAggregateIdentifier String issueId, String to) {}
