package jp.coordination.events.household;

import jp.coordination.events.EventType;

/**
 * A consultation contact with a registered household (①相談・継続的な状況確認): the ongoing contact that
 * prevents emergencies. Only recorded while the household is registered. Whether it came out of
 * hours is judged on the envelope's {@code occurredAt}, as for intake requests.
 *
 * @param householdId the household
 * @param ward the ward it is in
 * @param kind what the contact was
 * @param channel how it took place
 * @param officeId the consultation office (相談支援事業所) that had the contact
 */
@EventType(name = "HouseholdContactRecorded", revision = 1)
public record HouseholdContactRecorded(
    String householdId, String ward, ContactKind kind, ContactChannel channel, String officeId)
    implements HouseholdEvent {}
