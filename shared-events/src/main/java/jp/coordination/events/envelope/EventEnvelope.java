package jp.coordination.events.envelope;

import java.time.Instant;
import java.util.Objects;
import jp.coordination.events.DomainEvent;

/**
 * The one JSON envelope every event travels in: on Kafka, in the event store, in the replay.
 * Documented field by field in {@code docs/events.md}.
 *
 * @param eventId unique id of this event (UUID); consumers deduplicate by it
 * @param type the payload's type name, e.g. {@code EmergencyIntakeRequested}
 * @param revision the payload's shape revision
 * @param aggregateType {@code Household}, {@code EmergencyIntake}, {@code CoSupport}, {@code
 *     Facility}, {@code ExperienceStay}, {@code CapacityActivity}, {@code CommunityIssue} or {@code
 *     AnnualPlan}
 * @param aggregateId the aggregate's id; also the Kafka record key
 * @param sequence the event's position in its aggregate's stream, from 0, without gaps
 * @param occurredAt business time: when it happened in the world (given by the caller, or the time
 *     the command was accepted)
 * @param recordedAt when the event store recorded it
 * @param ward the ward the event counts for, or {@code null} for an event of the whole region (or
 *     of several wards, which its payload names)
 * @param actor the user who issued the command
 * @param role the role the user acted in
 * @param correlationId ties together everything caused by one request
 * @param causationId the id of the command that caused this event
 * @param payload the event itself
 */
public record EventEnvelope(
    String eventId,
    String type,
    int revision,
    String aggregateType,
    String aggregateId,
    long sequence,
    Instant occurredAt,
    Instant recordedAt,
    String ward,
    String actor,
    String role,
    String correlationId,
    String causationId,
    DomainEvent payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(payload, "payload");
  }

  /** The payload as the given event type, for callers that already switched on {@link #type()}. */
  public <T extends DomainEvent> T payloadAs(Class<T> eventClass) {
    return eventClass.cast(payload);
  }
}
