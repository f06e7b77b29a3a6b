package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.ParticipantKind;

/**
 * What the statistics need to know about one capacity-building activity: its last record (a
 * correction replaces it whole) and whether it was withdrawn. It counts in the fiscal year of
 * {@code heldAt}, not of the event that recorded it.
 *
 * @param activityId the activity
 * @param sequence the last applied event's sequence
 * @param kind what kind of activity it was (null until a record is known)
 * @param wards the wards it served, sorted; empty for the whole region
 * @param heldAt when it was held
 * @param participants participants by kind
 * @param withdrawn whether it was withdrawn and no longer counts
 * @param recordEvent the type of the event that gave the current record (recorded or corrected),
 *     which is what a drill-down lists; null in facts stored before it was kept
 * @param recordEventAt that event's business time
 */
public record CapacityActivityFacts(
    String activityId,
    long sequence,
    CapacityActivityKind kind,
    List<String> wards,
    Instant heldAt,
    Map<ParticipantKind, Integer> participants,
    boolean withdrawn,
    String recordEvent,
    Instant recordEventAt) {

  public CapacityActivityFacts {
    wards = wards == null ? List.of() : List.copyOf(wards);
    participants =
        participants == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(participants));
  }

  /** Whether the activity is counted: recorded and not withdrawn. */
  public boolean counts() {
    return kind != null && heldAt != null && !withdrawn;
  }
}
