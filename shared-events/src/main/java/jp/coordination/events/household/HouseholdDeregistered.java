package jp.coordination.events.household;

import jp.coordination.events.EventType;

/**
 * A household left the register (登録解除).
 *
 * @param householdId the household
 * @param ward the ward it was in
 * @param reason why it left
 */
@EventType(name = "HouseholdDeregistered", revision = 1)
public record HouseholdDeregistered(String householdId, String ward, DeregistrationReason reason)
    implements HouseholdEvent {}
