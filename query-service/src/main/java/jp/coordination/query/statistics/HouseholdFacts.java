package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.household.ContactKind;

/**
 * What the statistics need to know about one at-risk household, whatever order its events arrive in
 * relative to other aggregates.
 *
 * @param householdId the household
 * @param sequence the last applied event's sequence; older or repeated events are ignored
 * @param registeredAt business time of the registration (null until it is known)
 * @param registeredWard ward of the registration event
 * @param moves ward changes in the household's own order, each with its business time
 * @param deregisteredAt business time of the deregistration, if any
 * @param contacts the consultation contacts (①) in the household's own order
 * @param registeredRecordedAt when the registration was recorded (null until it is known, and in
 *     facts stored before this was kept); only a what-if judging pre-registration by recorded time
 *     reads it
 */
public record HouseholdFacts(
    String householdId,
    long sequence,
    Instant registeredAt,
    String registeredWard,
    List<WardChange> moves,
    Instant deregisteredAt,
    List<Contact> contacts,
    Instant registeredRecordedAt) {

  public HouseholdFacts {
    moves = moves == null ? List.of() : List.copyOf(moves);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
  }

  /**
   * A consultation contact at a business time, counted for the ward of its event.
   *
   * @param sequence its event's sequence (0 in facts stored before it was kept), which tells two
   *     contacts of the same minute apart in a drill-down
   */
  public record Contact(Instant at, String ward, ContactKind kind, long sequence) {}

  /** Whether a contact took place at or after {@code from} and before {@code until}. */
  public boolean contactedBetween(Instant from, Instant until) {
    for (Contact contact : contacts) {
      if (!contact.at().isBefore(from) && contact.at().isBefore(until)) {
        return true;
      }
    }
    return false;
  }

  /** A move to another ward at a business time. */
  public record WardChange(Instant at, String ward) {}

  /**
   * The ward the household belonged to just before {@code instant}: the registration ward, changed
   * by every move whose business time is before it.
   */
  public String wardBefore(Instant instant) {
    String ward = registeredWard;
    for (WardChange move : moves) {
      if (move.at().isBefore(instant)) {
        ward = move.ward();
      }
    }
    return ward;
  }

  /** Whether the household was registered and not yet deregistered just before {@code instant}. */
  public boolean activeBefore(Instant instant) {
    return registeredAt != null
        && registeredAt.isBefore(instant)
        && (deregisteredAt == null || !deregisteredAt.isBefore(instant));
  }
}
