package jp.coordination.command.communityissue;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a council meeting discussed the issue. */
public record RecordCommunityIssueDiscussion(
    @TargetAggregateIdentifier String issueId, LocalDate meetingDate) {}
