package jp.coordination.command.cosupport;

import jp.coordination.events.cosupport.CoSupportOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close an open co-support case with its outcome. */
public record CloseCoSupport(@TargetAggregateIdentifier String caseId, CoSupportOutcome outcome) {}
