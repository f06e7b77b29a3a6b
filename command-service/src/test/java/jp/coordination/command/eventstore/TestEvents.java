package jp.coordination.command.eventstore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Events of the contract, wrapped as an aggregate would apply them, for the store's tests. */
public final class TestEvents {
  public static final Instant OCCURRED_AT = Instant.parse("2026-04-01T09:30:00Z");

  private TestEvents() {}

  public static AtRiskHouseholdRegistered registered(String householdId, String ward) {
    return new AtRiskHouseholdRegistered(
        householdId,
        ward,
        null,
        List.of(RiskFactor.SINGLE_CAREGIVER, RiskFactor.CAREGIVER_AGED),
        List.of(DisabilityType.INTELLECTUAL),
        false,
        List.of(SupportNeed.BEHAVIOURAL_SUPPORT),
        Instant.parse("2026-03-31T00:00:00Z"),
        new EncryptedPersonalData(householdId, 1, "aXY=", "Y2lwaGVy"));
  }

  public static HouseholdMovedWard moved(String householdId, String from, String to) {
    return new HouseholdMovedWard(householdId, from, to);
  }

  /** The metadata the HTTP layer puts on a command, as copied onto its events. */
  public static Map<String, Object> commandMetadata(String commandId) {
    Map<String, Object> metaData = new LinkedHashMap<>();
    metaData.put(CommandMetadata.ACTOR, "coordinator-1");
    metaData.put(CommandMetadata.ROLE, "COORDINATOR");
    metaData.put(CommandMetadata.OCCURRED_AT, OCCURRED_AT.toString());
    metaData.put(CommandMetadata.CORRELATION_ID, "corr-" + commandId);
    metaData.put(CommandMetadata.COMMAND_ID, commandId);
    metaData.put(CommandMetadata.REQUEST_HASH, "hash-" + commandId);
    return metaData;
  }

  /** An event as the aggregate applies it for a command. */
  public static DomainEventMessage<DomainEvent> applied(
      DomainEvent payload, long sequence, String commandId) {
    return new GenericDomainEventMessage<>(
        "Household",
        payload.aggregateId(),
        sequence,
        payload,
        commandMetadata(commandId),
        UUID.randomUUID().toString(),
        Instant.now());
  }

  /** A fresh id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
