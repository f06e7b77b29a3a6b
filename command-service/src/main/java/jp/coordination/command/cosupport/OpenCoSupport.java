package jp.coordination.command.cosupport;

import java.util.List;
import jp.coordination.events.cosupport.Difficulty;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a co-support case with a consultation office. */
public record OpenCoSupport(
    @TargetAggregateIdentifier String caseId,
    String ward,
    String officeId,
    String householdId,
    List<Difficulty> difficulties) {}
