package jp.coordination.events.communityissue;

import jp.coordination.events.DomainEvent;

/**
 * Every event of a community issue; the aggregate id is the issue id. States: RAISED → DISCUSSED →
 * PROPOSED (政策提言) → CLOSED; an issue may be discussed at several meetings before the proposal.
 */
public sealed interface CommunityIssueEvent extends DomainEvent
    permits CommunityIssueRaised,
        CommunityIssueDiscussed,
        CommunityIssueProposed,
        CommunityIssueClosed {

  /** The issue's id. */
  String issueId();

  @Override
  default String aggregateId() {
    return issueId();
  }
}
