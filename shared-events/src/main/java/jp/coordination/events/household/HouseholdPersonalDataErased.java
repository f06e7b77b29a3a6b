package jp.coordination.events.household;

import jp.coordination.events.EventType;

/**
 * A household's personal data was made unrecoverable everywhere. Statistics do not change.
 *
 * @param householdId the household
 * @param ward the ward it was in
 */
@EventType(name = "HouseholdPersonalDataErased", revision = 1)
public record HouseholdPersonalDataErased(String householdId, String ward)
    implements HouseholdEvent {}
