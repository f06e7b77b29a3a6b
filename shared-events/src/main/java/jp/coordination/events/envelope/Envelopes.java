package jp.coordination.events.envelope;

import java.time.Instant;
import java.util.UUID;
import jp.coordination.events.DomainEvent;

/** Builds envelopes with type, revision and aggregate type taken from the registry. */
public final class Envelopes {
  private Envelopes() {}

  /** Wraps a payload, filling type, revision, aggregate type, id and ward from the event itself. */
  public static EventEnvelope wrap(
      DomainEvent payload,
      String eventId,
      long sequence,
      Instant occurredAt,
      Instant recordedAt,
      String actor,
      String role,
      String correlationId,
      String causationId) {
    EventTypeRegistry.Entry entry = EventTypeRegistry.defaultRegistry().entryOf(payload.getClass());
    return new EventEnvelope(
        eventId == null ? UUID.randomUUID().toString() : eventId,
        entry.type(),
        entry.revision(),
        entry.aggregateType(),
        payload.aggregateId(),
        sequence,
        occurredAt,
        recordedAt,
        payload.ward(),
        actor,
        role,
        correlationId,
        causationId,
        payload);
  }
}
