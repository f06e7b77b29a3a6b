package jp.coordination.command.facility;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.facility.FacilityAvailabilityDeclared;
import jp.coordination.events.facility.FacilityRegistered;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A facility of the emergency network. It knows how many emergency beds it keeps, so only it can
 * judge whether a declared number of free beds is possible.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.FACILITY)
public class Facility {
  @AggregateIdentifier private String facilityId;
  private String ward;
  private int emergencyBeds;

  protected Facility() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(RegisterFacility command) {
    if (command.ward() == null) {
      throw FieldRejectedException.required("ward");
    }
    if (command.name() == null || command.name().isBlank()) {
      throw FieldRejectedException.required("name");
    }
    if (command.kind() == null) {
      throw FieldRejectedException.required("kind");
    }
    if (command.emergencyBeds() < 0) {
      throw new FieldRejectedException("emergencyBeds", ProblemText.of("field.zero-or-more"));
    }
    apply(
        new FacilityRegistered(
            command.facilityId(),
            command.name(),
            command.ward(),
            command.kind(),
            command.capabilities(),
            command.emergencyBeds()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(DeclareFacilityAvailability command) {
    if (command.availableBeds() < 0 || command.availableBeds() > emergencyBeds) {
      throw new FieldRejectedException(
          "availableBeds", ProblemText.of("field.available-beds", String.valueOf(emergencyBeds)));
    }
    apply(new FacilityAvailabilityDeclared(facilityId, ward, command.availableBeds()));
    return AggregateLifecycle.getVersion();
  }

  @EventSourcingHandler
  void on(FacilityRegistered event) {
    facilityId = event.facilityId();
    ward = event.ward();
    emergencyBeds = event.emergencyBeds();
  }
}
