package jp.coordination.command.eventstore;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.HouseholdMovedWard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A test-only aggregate over the contract's household events, to drive the store through Axon. */
public class TestHousehold {
  public record Register(@TargetAggregateIdentifier String householdId, String ward) {}

  public record Move(@TargetAggregateIdentifier String householdId, String toWard) {}

  @AggregateIdentifier private String householdId;
  private String ward;

  protected TestHousehold() {}

  @CommandHandler
  public TestHousehold(Register command) {
    apply(TestEvents.registered(command.householdId(), command.ward()));
  }

  @CommandHandler
  public void handle(Move command) {
    if (!command.toWard().equals(ward)) {
      apply(TestEvents.moved(householdId, ward, command.toWard()));
    }
  }

  @EventSourcingHandler
  void on(AtRiskHouseholdRegistered event) {
    householdId = event.householdId();
    ward = event.ward();
  }

  @EventSourcingHandler
  void on(HouseholdMovedWard event) {
    ward = event.toWard();
  }
}
