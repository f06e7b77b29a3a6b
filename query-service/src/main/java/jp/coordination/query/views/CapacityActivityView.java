package jp.coordination.query.views;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.envelope.EventEnvelope;

/**
 * A capacity-building activity as last recorded (④⑤): a correction replaces the whole record, a
 * withdrawal keeps it but it no longer counts. {@code ward} is its one ward, or null when it served
 * several wards ({@code wards}) or the whole region ({@code wards} empty).
 */
public record CapacityActivityView(
    String id,
    boolean withdrawn,
    String ward,
    CapacityActivityKind kind,
    List<String> wards,
    Organiser organiser,
    Instant heldAt,
    Map<ParticipantKind, Integer> participants,
    String topic,
    String withdrawalReason,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  public CapacityActivityView {
    wards = wards == null ? List.of() : List.copyOf(wards);
    participants =
        participants == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(participants));
  }

  /** Whether the activity counts: recorded and not withdrawn. */
  public boolean counts() {
    return kind != null && !withdrawn;
  }

  /** The activity after the event; {@code state} is null before the first event. */
  public static CapacityActivityView evolve(CapacityActivityView state, EventEnvelope envelope) {
    CapacityActivityEvent event = (CapacityActivityEvent) envelope.payload();
    long seq = envelope.sequence();
    Instant recorded = envelope.recordedAt();
    if (event instanceof CapacityActivityRecorded e) {
      return new CapacityActivityView(
          e.activityId(),
          false,
          e.ward(),
          e.kind(),
          e.wards(),
          e.organiser(),
          e.heldAt(),
          e.participants(),
          e.topic(),
          null,
          seq,
          recorded);
    }
    if (event instanceof CapacityActivityCorrected e) {
      return new CapacityActivityView(
          e.activityId(),
          false,
          e.ward(),
          e.kind(),
          e.wards(),
          e.organiser(),
          e.heldAt(),
          e.participants(),
          e.topic(),
          null,
          seq,
          recorded);
    }
    if (event instanceof CapacityActivityWithdrawn e) {
      CapacityActivityView s =
          state != null
              ? state
              : new CapacityActivityView(
                  e.activityId(),
                  true,
                  e.ward(),
                  null,
                  List.of(),
                  null,
                  null,
                  Map.of(),
                  null,
                  null,
                  -1,
                  null);
      return new CapacityActivityView(
          s.id,
          true,
          s.ward,
          s.kind,
          s.wards,
          s.organiser,
          s.heldAt,
          s.participants,
          s.topic,
          e.reason(),
          seq,
          recorded);
    }
    throw new IllegalArgumentException("Unhandled capacity-activity event " + envelope.type());
  }
}
