package jp.coordination.query.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeEvent;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;

/**
 * An emergency intake now: where it stands, who declined, where it was placed and until when it is
 * expected to stay ({@code expectedLastDay}, null when not known), how it ended.
 */
public record IntakeView(
    String id,
    Status status,
    String ward,
    String householdId,
    IntakeTrigger trigger,
    List<SupportNeed> supportNeeds,
    Instant requestedAt,
    List<Decline> declines,
    String facilityId,
    Instant placedAt,
    LocalDate expectedLastDay,
    IntakeOutcome outcome,
    Instant completedAt,
    Instant cancelledAt,
    String cancellationReason,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** The intake's state (REQUESTED → PLACED → COMPLETED, or REQUESTED → CANCELLED). */
  public enum Status {
    REQUESTED,
    PLACED,
    COMPLETED,
    CANCELLED
  }

  /** A facility's decline, with its business time. */
  public record Decline(String facilityId, DeclineReason reason, Instant at) {}

  public IntakeView {
    supportNeeds = supportNeeds == null ? List.of() : List.copyOf(supportNeeds);
    declines = declines == null ? List.of() : List.copyOf(declines);
  }

  /** The intake after the event; {@code state} is null before the first event. */
  public static IntakeView evolve(IntakeView state, EventEnvelope envelope) {
    IntakeEvent event = (IntakeEvent) envelope.payload();
    IntakeView s = state != null ? state : unknown(event.intakeId(), event.ward());
    Instant at = envelope.occurredAt();
    IntakeView next;
    if (event instanceof EmergencyIntakeRequested e) {
      next =
          new IntakeView(
              e.intakeId(),
              Status.REQUESTED,
              e.ward(),
              e.householdId(),
              e.trigger(),
              e.supportNeeds(),
              at,
              List.of(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              0,
              null);
    } else if (event instanceof EmergencyIntakeDeclined e) {
      List<Decline> declines = new ArrayList<>(s.declines);
      declines.add(new Decline(e.facilityId(), e.reason(), at));
      next =
          new IntakeView(
              s.id,
              s.status,
              s.ward,
              s.householdId,
              s.trigger,
              s.supportNeeds,
              s.requestedAt,
              declines,
              s.facilityId,
              s.placedAt,
              s.expectedLastDay,
              s.outcome,
              s.completedAt,
              s.cancelledAt,
              s.cancellationReason,
              0,
              null);
    } else if (event instanceof EmergencyIntakePlaced e) {
      next =
          new IntakeView(
              s.id,
              Status.PLACED,
              s.ward,
              s.householdId,
              s.trigger,
              s.supportNeeds,
              s.requestedAt,
              s.declines,
              e.facilityId(),
              at,
              e.expectedLastDay(),
              s.outcome,
              s.completedAt,
              s.cancelledAt,
              s.cancellationReason,
              0,
              null);
    } else if (event instanceof EmergencyIntakeCompleted e) {
      next =
          new IntakeView(
              s.id,
              Status.COMPLETED,
              s.ward,
              s.householdId != null ? s.householdId : e.householdId(),
              s.trigger,
              s.supportNeeds,
              s.requestedAt,
              s.declines,
              s.facilityId,
              s.placedAt,
              s.expectedLastDay,
              e.outcome(),
              at,
              s.cancelledAt,
              s.cancellationReason,
              0,
              null);
    } else if (event instanceof EmergencyIntakeCancelled e) {
      next =
          new IntakeView(
              s.id,
              Status.CANCELLED,
              s.ward,
              s.householdId,
              s.trigger,
              s.supportNeeds,
              s.requestedAt,
              s.declines,
              s.facilityId,
              s.placedAt,
              s.expectedLastDay,
              s.outcome,
              s.completedAt,
              at,
              e.reason(),
              0,
              null);
    } else {
      throw new IllegalArgumentException("Unhandled intake event " + envelope.type());
    }
    return next.stamped(envelope);
  }

  /** An intake whose request the query side never saw: later events fill what they know. */
  private static IntakeView unknown(String id, String ward) {
    return new IntakeView(
        id, null, ward, null, null, List.of(), null, List.of(), null, null, null, null, null, null,
        null, -1, null);
  }

  private IntakeView stamped(EventEnvelope envelope) {
    return new IntakeView(
        id,
        status,
        ward,
        householdId,
        trigger,
        supportNeeds,
        requestedAt,
        declines,
        facilityId,
        placedAt,
        expectedLastDay,
        outcome,
        completedAt,
        cancelledAt,
        cancellationReason,
        envelope.sequence(),
        envelope.recordedAt());
  }
}
