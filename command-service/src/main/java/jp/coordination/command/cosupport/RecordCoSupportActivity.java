package jp.coordination.command.cosupport;

import jp.coordination.events.cosupport.ActivityType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record something the core center did on an open case. */
public record RecordCoSupportActivity(
    @TargetAggregateIdentifier String caseId, ActivityType activityType) {}
