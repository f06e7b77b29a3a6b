package jp.coordination.command.household;

import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a consultation contact with a registered household (①相談・継続的な状況確認). */
public record RecordHouseholdContact(
    @TargetAggregateIdentifier String householdId,
    ContactKind kind,
    ContactChannel channel,
    String officeId) {}
