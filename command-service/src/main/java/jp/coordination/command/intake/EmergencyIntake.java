package jp.coordination.command.intake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An emergency intake: REQUESTED → PLACED → COMPLETED, or REQUESTED → CANCELLED. Facilities may
 * decline while it is requested; it stays requested so the coordinator can ask the next one.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.EMERGENCY_INTAKE)
public class EmergencyIntake {

  /** Where an intake is in its life. */
  enum Status {
    REQUESTED,
    PLACED,
    COMPLETED,
    CANCELLED
  }

  /**
   * The longest an emergency stay may be expected to last when it is placed; a later day is taken
   * for a typing error rather than a plan.
   */
  static final int MAX_EXPECTED_DAYS = 365;

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @AggregateIdentifier private String intakeId;
  private String ward;
  private String householdId;
  private Status status;

  protected EmergencyIntake() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(RequestEmergencyIntake command) {
    if (command.ward() == null) {
      throw FieldRejectedException.required("ward");
    }
    if (command.trigger() == null) {
      throw FieldRejectedException.required("trigger");
    }
    apply(
        new EmergencyIntakeRequested(
            command.intakeId(),
            command.ward(),
            command.householdId(),
            command.trigger(),
            command.supportNeeds()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(RecordIntakeDecline command) {
    requireStatus(Status.REQUESTED, "declined");
    apply(new EmergencyIntakeDeclined(intakeId, ward, command.facilityId(), command.reason()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(
      PlaceEmergencyIntake command, @MetaDataValue(CommandMetadata.OCCURRED_AT) String occurredAt) {
    requireStatus(Status.REQUESTED, "placed");
    LocalDate expectedLastDay = command.expectedLastDay();
    if (expectedLastDay != null) {
      // The day of placement is the placement's business time in Tokyo, as every day rule is.
      LocalDate placedOn = Instant.parse(occurredAt).atZone(TOKYO).toLocalDate();
      if (expectedLastDay.isBefore(placedOn)) {
        throw new FieldRejectedException(
            "expectedLastDay", ProblemText.of("field.before-placement", placedOn.toString()));
      }
      if (ChronoUnit.DAYS.between(placedOn, expectedLastDay) > MAX_EXPECTED_DAYS) {
        throw new FieldRejectedException(
            "expectedLastDay",
            ProblemText.of(
                "field.after-placement", String.valueOf(MAX_EXPECTED_DAYS), placedOn.toString()));
      }
    }
    apply(new EmergencyIntakePlaced(intakeId, ward, command.facilityId(), expectedLastDay));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CompleteEmergencyIntake command) {
    requireStatus(Status.PLACED, "completed");
    // The household id is repeated so re-use within 180 days can be counted from this event alone.
    apply(new EmergencyIntakeCompleted(intakeId, ward, householdId, command.outcome()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CancelEmergencyIntake command) {
    requireStatus(Status.REQUESTED, "cancelled");
    apply(new EmergencyIntakeCancelled(intakeId, ward, command.reason()));
    return AggregateLifecycle.getVersion();
  }

  private void requireStatus(Status required, String what) {
    if (status != required) {
      throw new RuleBrokenException(
          ProblemText.of(
              "rule.intake.status",
              status.name(),
              required.name(),
              RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(EmergencyIntakeRequested event) {
    intakeId = event.intakeId();
    ward = event.ward();
    householdId = event.householdId();
    status = Status.REQUESTED;
  }

  @EventSourcingHandler
  void on(EmergencyIntakePlaced event) {
    status = Status.PLACED;
  }

  @EventSourcingHandler
  void on(EmergencyIntakeCompleted event) {
    status = Status.COMPLETED;
  }

  @EventSourcingHandler
  void on(EmergencyIntakeCancelled event) {
    status = Status.CANCELLED;
  }
}
