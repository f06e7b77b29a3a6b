package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.List;

/**
 * What the statistics need to know about one at-risk household, whatever order its events arrive
 * in relative to other aggregates.
 *
 * @param householdId the household
 * @param sequence the last applied event's sequence; older or repeated events are ignored
 * @param registeredAt business time of the registration (null until it is known)
 * @param registeredWard ward of the registration event
 * @param moves ward changes in the household's own order, each with its business time
 * @param deregisteredAt business time of the deregistration, if any
 */
public record HouseholdFacts(
    String householdId,
    long sequence,
    Instant registeredAt,
    String registeredWard,
    List<WardChange> moves,
    Instant deregisteredAt) {

  public HouseholdFacts {
    moves = moves == null ? List.of() : List.copyOf(moves);
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
