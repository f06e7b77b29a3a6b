package jp.coordination.events.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;

/**
 * A recorded capacity-building activity was corrected: the whole record again, replacing the
 * previous one.
 *
 * @param activityId the activity
 * @param ward the one ward it served, or {@code null} when it served several wards or the whole
 *     region ({@link CapacityActivityEvent#wardOf})
 * @param kind what kind of activity it was
 * @param wards the wards it served, sorted; empty when it served the whole region
 * @param organiser who organised it
 * @param heldAt when it was held
 * @param participants how many took part, by kind; kinds with none are left out
 * @param topic what it was about, free text without personal data
 */
@EventType(name = "CapacityActivityCorrected", revision = 1)
public record CapacityActivityCorrected(
    String activityId,
    String ward,
    CapacityActivityKind kind,
    List<String> wards,
    Organiser organiser,
    Instant heldAt,
    Map<ParticipantKind, Integer> participants,
    String topic)
    implements CapacityActivityEvent {

  public CapacityActivityCorrected {
    wards = Codes.normalisedText(wards);
    participants = Codes.normalisedCounts(participants);
  }
}
