package jp.coordination.events.cosupport;

import jp.coordination.events.EventType;

/**
 * Something the core center did on an open case.
 *
 * @param caseId the case
 * @param ward the ward the case counts for
 * @param activityType what was done
 */
@EventType(name = "CoSupportActivityRecorded", revision = 1)
public record CoSupportActivityRecorded(String caseId, String ward, ActivityType activityType)
    implements CoSupportEvent {}
