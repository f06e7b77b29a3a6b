package jp.coordination.command.cosupport;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A co-support case: OPEN → CLOSED. A closed case takes neither activities nor a second closing.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.CO_SUPPORT)
public class CoSupport {
  @AggregateIdentifier private String caseId;
  private String ward;
  private boolean open;

  protected CoSupport() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(OpenCoSupport command) {
    if (command.ward() == null) {
      throw FieldRejectedException.required("ward");
    }
    if (command.officeId() == null || command.officeId().isBlank()) {
      throw FieldRejectedException.required("officeId");
    }
    if (command.difficulties() == null || command.difficulties().isEmpty()) {
      throw new FieldRejectedException("difficulties", ProblemText.of("field.difficulties-empty"));
    }
    apply(
        new CoSupportOpened(
            command.caseId(),
            command.ward(),
            command.officeId(),
            command.householdId(),
            command.difficulties()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(RecordCoSupportActivity command) {
    requireOpen("get activities");
    apply(new CoSupportActivityRecorded(caseId, ward, command.activityType()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CloseCoSupport command) {
    requireOpen("be closed again");
    apply(new CoSupportClosed(caseId, ward, command.outcome()));
    return AggregateLifecycle.getVersion();
  }

  private void requireOpen(String what) {
    if (!open) {
      throw new RuleBrokenException(
          ProblemText.of("rule.case.closed", RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(CoSupportOpened event) {
    caseId = event.caseId();
    ward = event.ward();
    open = true;
  }

  @EventSourcingHandler
  void on(CoSupportClosed event) {
    open = false;
  }
}
