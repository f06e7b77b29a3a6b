package jp.coordination.events;

/**
 * A fact that happened to one aggregate, as carried in the {@code payload} of an {@link
 * jp.coordination.events.envelope.EventEnvelope}.
 *
 * <p>Every event names the aggregate it belongs to and the ward it counts for, so that a consumer
 * can attribute it without knowing the aggregate's history. Implementations are immutable records
 * annotated with {@link EventType}; their type name and revision, never their class name, identify
 * them on the wire.
 */
public interface DomainEvent {

  /** The id of the aggregate this event belongs to (the Kafka record key). */
  String aggregateId();

  /**
   * The ward code this event counts for at the time it happened, or {@code null} for an event of
   * the whole region or of several wards (which the payload then names).
   */
  String ward();
}
