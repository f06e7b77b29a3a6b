package jp.coordination.command.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;

/**
 * What is recorded of one held activity; a correction gives all of it again.
 *
 * @param kind what kind of activity
 * @param wards the wards it served (known wards of the region); empty: the whole region
 * @param organiser who organised it
 * @param heldAt when it was held
 * @param participants participants by kind, each 0 or more
 * @param topic what it was about, free text without personal data
 */
public record ActivityRecord(
    CapacityActivityKind kind,
    List<String> wards,
    Organiser organiser,
    Instant heldAt,
    Map<ParticipantKind, Integer> participants,
    String topic) {}
