package jp.coordination.command.household;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.HouseholdPersonalDataErased;
import jp.coordination.events.household.HouseholdRiskReassessed;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An at-risk household on the register. It keeps only what its rules need: its ward (every event
 * counts for it) and whether it is still registered; personal data lives in the events alone.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.HOUSEHOLD)
public class Household {
  @AggregateIdentifier private String householdId;
  private String ward;
  private boolean registered;
  private boolean personalDataErased;

  protected Household() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(RegisterAtRiskHousehold command) {
    if (command.ward() == null) {
      throw FieldRejectedException.required("ward");
    }
    if (command.riskFactors() == null || command.riskFactors().isEmpty()) {
      throw new FieldRejectedException("riskFactors", ProblemText.of("field.risk-factors-empty"));
    }
    if (command.consentAt() == null) {
      throw new FieldRejectedException("consentAt", ProblemText.of("field.consent-required"));
    }
    if (command.personalData() == null) {
      throw FieldRejectedException.required("person");
    }
    apply(
        new AtRiskHouseholdRegistered(
            command.householdId(),
            command.ward(),
            command.area(),
            command.riskFactors(),
            command.disabilityTypes(),
            command.child(),
            command.supportNeeds(),
            command.consentAt(),
            command.personalData()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(ReassessHouseholdRisk command) {
    requireRegistered("reassessed");
    if (command.riskFactors() == null || command.riskFactors().isEmpty()) {
      throw new FieldRejectedException("riskFactors", ProblemText.of("field.risk-factors-empty"));
    }
    apply(
        new HouseholdRiskReassessed(
            householdId, ward, command.riskFactors(), command.supportNeeds()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(MoveHouseholdToWard command) {
    // A deregistered household is off the register; moving it would make it count again.
    requireRegistered("moved");
    if (ward.equals(command.toWard())) {
      throw new RuleBrokenException(ProblemText.of("rule.household.same-ward", ward));
    }
    apply(new HouseholdMovedWard(householdId, ward, command.toWard()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(DeregisterHousehold command) {
    requireRegistered("deregistered");
    if (command.reason() == null) {
      throw FieldRejectedException.required("reason");
    }
    apply(new HouseholdDeregistered(householdId, ward, command.reason()));
    return AggregateLifecycle.getVersion();
  }

  /**
   * Records that the personal data was erased. The key is destroyed before this command is sent
   * (HouseholdErasure), so the event states a fact that is already true.
   */
  @CommandHandler
  public long handle(EraseHouseholdPersonalData command) {
    if (personalDataErased) {
      throw new RuleBrokenException(ProblemText.of("rule.household.already-erased"));
    }
    apply(new HouseholdPersonalDataErased(householdId, ward));
    return AggregateLifecycle.getVersion();
  }

  /** A contact is recorded only while the household is on the register. */
  @CommandHandler
  public long handle(RecordHouseholdContact command) {
    if (!registered) {
      throw new RuleBrokenException(ProblemText.of("rule.household.contact-deregistered"));
    }
    if (command.kind() == null) {
      throw FieldRejectedException.required("kind");
    }
    if (command.channel() == null) {
      throw FieldRejectedException.required("channel");
    }
    if (command.officeId() == null || command.officeId().isBlank()) {
      throw FieldRejectedException.required("officeId");
    }
    apply(
        new HouseholdContactRecorded(
            householdId, ward, command.kind(), command.channel(), command.officeId()));
    return AggregateLifecycle.getVersion();
  }

  private void requireRegistered(String what) {
    if (!registered) {
      throw new RuleBrokenException(
          ProblemText.of("rule.household.deregistered", RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(AtRiskHouseholdRegistered event) {
    householdId = event.householdId();
    ward = event.ward();
    registered = true;
  }

  @EventSourcingHandler
  void on(HouseholdMovedWard event) {
    ward = event.toWard();
  }

  @EventSourcingHandler
  void on(HouseholdDeregistered event) {
    registered = false;
  }

  @EventSourcingHandler
  void on(HouseholdPersonalDataErased event) {
    personalDataErased = true;
  }
}
