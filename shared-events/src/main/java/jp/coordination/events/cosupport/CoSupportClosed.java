package jp.coordination.events.cosupport;

import jp.coordination.events.EventType;

/**
 * A co-support case was closed (終結). A closed case takes no more activities.
 *
 * @param caseId the case
 * @param ward the ward the case counts for
 * @param outcome how it ended
 */
@EventType(name = "CoSupportClosed", revision = 1)
public record CoSupportClosed(String caseId, String ward, CoSupportOutcome outcome)
    implements CoSupportEvent {}
