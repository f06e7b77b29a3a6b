package jp.coordination.query.views;

import java.time.Instant;
import java.time.LocalDate;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayEvent;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;

/** An experience stay now (③体験の機会・場): what is tried where, when, and how it ended. */
public record ExperienceStayView(
    String id,
    Status status,
    String ward,
    ExperienceStayKind kind,
    String householdId,
    String facilityId,
    LocalDate firstDay,
    LocalDate lastDay,
    Instant arrangedAt,
    Instant startedAt,
    Instant completedAt,
    Integer nightsStayed,
    ExperienceStayOutcome outcome,
    Instant cancelledAt,
    String cancellationReason,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** The stay's state (ARRANGED → STARTED → COMPLETED, or ARRANGED → CANCELLED). */
  public enum Status {
    ARRANGED,
    STARTED,
    COMPLETED,
    CANCELLED
  }

  /** Whether the stay still needs the coordinator: arranged or in progress. */
  public boolean open() {
    return status == Status.ARRANGED || status == Status.STARTED;
  }

  /** The stay after the event; {@code state} is null before the first event. */
  public static ExperienceStayView evolve(ExperienceStayView state, EventEnvelope envelope) {
    ExperienceStayEvent event = (ExperienceStayEvent) envelope.payload();
    ExperienceStayView s =
        state != null
            ? state
            : new ExperienceStayView(
                event.stayId(),
                null,
                event.ward(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                -1,
                null);
    Instant at = envelope.occurredAt();
    long seq = envelope.sequence();
    Instant recorded = envelope.recordedAt();
    if (event instanceof ExperienceStayArranged e) {
      return new ExperienceStayView(
          e.stayId(),
          Status.ARRANGED,
          e.ward(),
          e.kind(),
          e.householdId(),
          e.facilityId(),
          e.firstDay(),
          e.lastDay(),
          at,
          null,
          null,
          null,
          null,
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof ExperienceStayStarted) {
      return new ExperienceStayView(
          s.id,
          Status.STARTED,
          s.ward,
          s.kind,
          s.householdId,
          s.facilityId,
          s.firstDay,
          s.lastDay,
          s.arrangedAt,
          at,
          null,
          null,
          null,
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof ExperienceStayCompleted e) {
      return new ExperienceStayView(
          s.id,
          Status.COMPLETED,
          s.ward,
          s.kind != null ? s.kind : e.kind(),
          s.householdId,
          s.facilityId,
          s.firstDay,
          s.lastDay,
          s.arrangedAt,
          s.startedAt,
          at,
          e.nightsStayed(),
          e.outcome(),
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof ExperienceStayCancelled e) {
      return new ExperienceStayView(
          s.id,
          Status.CANCELLED,
          s.ward,
          s.kind,
          s.householdId,
          s.facilityId,
          s.firstDay,
          s.lastDay,
          s.arrangedAt,
          null,
          null,
          null,
          null,
          at,
          e.reason(),
          seq,
          recorded);
    }
    throw new IllegalArgumentException("Unhandled experience-stay event " + envelope.type());
  }
}
