package jp.coordination.events.household;

import jp.coordination.events.EventType;

/**
 * A registered household moved to another ward of the region. From this event on it counts for
 * {@code toWard}; earlier events keep counting for the ward they name.
 *
 * @param householdId the household
 * @param fromWard the ward it left
 * @param toWard the ward it moved to; differs from {@code fromWard}
 */
@EventType(name = "HouseholdMovedWard", revision = 1)
public record HouseholdMovedWard(String householdId, String fromWard, String toWard)
    implements HouseholdEvent {

  /** A move counts for the ward the household moved to. */
  @Override
  public String ward() {
    return toWard;
  }
}
