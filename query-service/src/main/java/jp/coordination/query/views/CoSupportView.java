package jp.coordination.query.views;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportEvent;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;
import jp.coordination.events.envelope.EventEnvelope;

/** A co-support case now: its office, difficulties, activities so far and how it ended. */
public record CoSupportView(
    String id,
    Status status,
    String ward,
    String officeId,
    String householdId,
    List<Difficulty> difficulties,
    List<Activity> activities,
    Instant openedAt,
    Instant closedAt,
    CoSupportOutcome outcome,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** Whether the case is still being supported. */
  public enum Status {
    OPEN,
    CLOSED
  }

  /** One activity with its business time. */
  public record Activity(ActivityType type, Instant at) {}

  public CoSupportView {
    difficulties = difficulties == null ? List.of() : List.copyOf(difficulties);
    activities = activities == null ? List.of() : List.copyOf(activities);
  }

  /** The case after the event; {@code state} is null before the first event. */
  public static CoSupportView evolve(CoSupportView state, EventEnvelope envelope) {
    CoSupportEvent event = (CoSupportEvent) envelope.payload();
    CoSupportView s =
        state != null
            ? state
            : new CoSupportView(
                event.caseId(),
                null,
                event.ward(),
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                -1,
                null);
    Instant at = envelope.occurredAt();
    CoSupportView next;
    if (event instanceof CoSupportOpened e) {
      next =
          new CoSupportView(
              e.caseId(),
              Status.OPEN,
              e.ward(),
              e.officeId(),
              e.householdId(),
              e.difficulties(),
              List.of(),
              at,
              null,
              null,
              0,
              null);
    } else if (event instanceof CoSupportActivityRecorded e) {
      List<Activity> activities = new ArrayList<>(s.activities);
      activities.add(new Activity(e.activityType(), at));
      next =
          new CoSupportView(
              s.id,
              s.status,
              s.ward,
              s.officeId,
              s.householdId,
              s.difficulties,
              activities,
              s.openedAt,
              s.closedAt,
              s.outcome,
              0,
              null);
    } else if (event instanceof CoSupportClosed e) {
      next =
          new CoSupportView(
              s.id,
              Status.CLOSED,
              s.ward,
              s.officeId,
              s.householdId,
              s.difficulties,
              s.activities,
              s.openedAt,
              at,
              e.outcome(),
              0,
              null);
    } else {
      throw new IllegalArgumentException("Unhandled co-support event " + envelope.type());
    }
    return new CoSupportView(
        next.id,
        next.status,
        next.ward,
        next.officeId,
        next.householdId,
        next.difficulties,
        next.activities,
        next.openedAt,
        next.closedAt,
        next.outcome,
        envelope.sequence(),
        envelope.recordedAt());
  }
}
