package jp.coordination.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Converts between the three forms of one event: the Axon message the aggregate applied, the
 * envelope of the contract, and the BSON document stored in a stream. The envelope codec is the
 * only format: the stored document is the codec's JSON tree plus the unpublished {@code
 * requestHash}, so decoding it gives back exactly the envelope that was appended.
 */
public final class StoredEvents {

  /** The collection of streams: one document per aggregate. */
  public static final String STREAMS = "event_streams";

  /** Stream document fields. */
  public static final String ID = "_id";

  public static final String AGGREGATE_TYPE = "aggregateType";
  public static final String VERSION = "version";
  public static final String EVENTS = "events";

  /** Stored event fields used by queries (the rest is the envelope as the codec writes it). */
  public static final String SEQUENCE = "sequence";

  public static final String CAUSATION_ID = "causationId";
  public static final String WARD = "ward";
  public static final String REQUEST_HASH = "requestHash";

  /** A stored event's link in its stream's hash chain ({@link EventHashChain}); never published. */
  public static final String HASH = "hash";

  /** Stream field: the hash of the stream's newest event, read by the next append to chain from. */
  public static final String HEAD_HASH = "headHash";

  /**
   * Stream field, present while the stream may hold events not yet on Kafka: the aggregate id
   * again, written by the append that stores the events and removed by the relay once they are out.
   * It is a string so that the relay can list pending streams by the unique sparse index on it, the
   * one kind of index the MongoDB stand-in also serves (docs/ARCHITECTURE.md, "Publication").
   */
  public static final String PENDING = "pending";

  /** Stream field beside {@link #PENDING}: when the oldest append it covers was recorded. */
  public static final String PENDING_SINCE = "pendingSince";

  /**
   * The update that marks a stream pending: {@link #PENDING} set, {@link #PENDING_SINCE} kept at
   * the oldest append it covers ({@code $min}). The storage engine sends it with the events; the
   * reconciliation and the upgrade of former markers send it alone.
   */
  public static Bson markPending(String aggregateId, Date since) {
    return Updates.combine(Updates.set(PENDING, aggregateId), Updates.min(PENDING_SINCE, since));
  }

  private final EventCodec codec;
  private final ObjectMapper mapper;

  public StoredEvents(EventCodec codec) {
    this.codec = codec;
    this.mapper = codec.mapper();
  }

  public EventCodec codec() {
    return codec;
  }

  /**
   * The envelope of an event an aggregate applied. Envelope fields that are not in the payload come
   * from the metadata the command carried (copied onto the event by the correlation data provider).
   *
   * @param recordedAt the store's time for this append
   */
  public EventEnvelope toEnvelope(DomainEventMessage<?> message, Instant recordedAt) {
    if (!(message.getPayload() instanceof DomainEvent payload)) {
      throw new IllegalArgumentException(
          "Only events of the contract can be stored, not " + message.getPayloadType().getName());
    }
    if (!payload.aggregateId().equals(message.getAggregateIdentifier())) {
      throw new IllegalArgumentException(
          "Event "
              + message.getPayloadType().getSimpleName()
              + " names aggregate "
              + payload.aggregateId()
              + " but was applied by "
              + message.getAggregateIdentifier());
    }
    MetaData metaData = message.getMetaData();
    String occurredAt = text(metaData, CommandMetadata.OCCURRED_AT);
    return Envelopes.wrap(
        payload,
        message.getIdentifier(),
        message.getSequenceNumber(),
        // A command without business time happened when it was accepted.
        occurredAt == null ? recordedAt : Instant.parse(occurredAt),
        recordedAt,
        text(metaData, CommandMetadata.ACTOR),
        text(metaData, CommandMetadata.ROLE),
        text(metaData, CommandMetadata.CORRELATION_ID),
        text(metaData, CommandMetadata.COMMAND_ID));
  }

  /** The request hash the command carried, stored beside its events. */
  public static String requestHashOf(DomainEventMessage<?> message) {
    return text(message.getMetaData(), CommandMetadata.REQUEST_HASH);
  }

  /** The stored form of an envelope: the codec's JSON tree as BSON, plus the request hash. */
  public Document toDocument(EventEnvelope envelope, String requestHash) {
    return toDocument(envelope, requestHash, null);
  }

  /**
   * The stored form of an envelope: the codec's JSON tree as BSON, plus the request hash and the
   * event's hash-chain link.
   */
  @SuppressWarnings("unchecked")
  public Document toDocument(EventEnvelope envelope, String requestHash, String hash) {
    Map<String, Object> tree = mapper.convertValue(codec.toTree(envelope), LinkedHashMap.class);
    Document document = new Document(tree);
    if (requestHash != null) {
      document.append(REQUEST_HASH, requestHash);
    }
    if (hash != null) {
      document.append(HASH, hash);
    }
    return document;
  }

  /** The envelope of a stored event, exactly as it was appended. */
  public EventEnvelope fromDocument(Document stored) {
    ObjectNode tree = mapper.valueToTree(stored);
    tree.remove(REQUEST_HASH);
    tree.remove(HASH);
    return codec.fromTree(tree);
  }

  /**
   * The Axon message an aggregate is sourced from. Its identifier is the event id, its timestamp
   * the time the store recorded it, and its metadata the envelope fields the command had given.
   */
  public GenericDomainEventMessage<DomainEvent> toMessage(
      EventEnvelope envelope, String requestHash) {
    Map<String, Object> metaData = new LinkedHashMap<>();
    putIfPresent(metaData, CommandMetadata.ACTOR, envelope.actor());
    putIfPresent(metaData, CommandMetadata.ROLE, envelope.role());
    putIfPresent(metaData, CommandMetadata.OCCURRED_AT, envelope.occurredAt().toString());
    putIfPresent(metaData, CommandMetadata.CORRELATION_ID, envelope.correlationId());
    putIfPresent(metaData, CommandMetadata.COMMAND_ID, envelope.causationId());
    putIfPresent(metaData, CommandMetadata.REQUEST_HASH, requestHash);
    return new GenericDomainEventMessage<>(
        envelope.aggregateType(),
        envelope.aggregateId(),
        envelope.sequence(),
        envelope.payload(),
        metaData,
        envelope.eventId(),
        envelope.recordedAt());
  }

  /** The Axon message of a stored event. */
  public GenericDomainEventMessage<DomainEvent> toMessage(Document stored) {
    return toMessage(fromDocument(stored), stored.getString(REQUEST_HASH));
  }

  /** The stored events of a stream document, in sequence order as appended. */
  public static List<Document> eventsOf(Document stream) {
    return stream.getList(EVENTS, Document.class, List.of());
  }

  /** A stored event's sequence number, whatever integer width BSON gave it. */
  public static long sequenceOf(Document storedEvent) {
    return ((Number) storedEvent.get(SEQUENCE)).longValue();
  }

  /** The number of events of a stream document. */
  public static long versionOf(Document stream) {
    return ((Number) stream.get(VERSION)).longValue();
  }

  private static String text(MetaData metaData, String key) {
    Object value = metaData.get(key);
    return value == null ? null : value.toString();
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
