package jp.coordination.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import jp.coordination.events.DomainEvent;

/**
 * Turns envelopes into their documented JSON and back. Thread-safe; create one and share it.
 *
 * <p>The JSON is deterministic: fields in declaration order, times as ISO-8601 UTC, code lists
 * sorted. The same envelope always gives the same bytes, which the audit hash chain and the
 * byte-identical annual evaluation rely on.
 */
public final class EventCodec {

  private final ObjectMapper mapper;
  private final EventTypeRegistry registry;
  private final Upcasters upcasters;

  public EventCodec() {
    this(EventTypeRegistry.defaultRegistry());
  }

  public EventCodec(EventTypeRegistry registry) {
    this(registry, Upcasters.defaultChain(registry));
  }

  public EventCodec(EventTypeRegistry registry, Upcasters upcasters) {
    this.registry = registry;
    this.upcasters = upcasters;
    this.mapper = newMapper();
  }

  /**
   * A Jackson mapper configured as the contract requires; for adapters that map envelopes to other
   * forms.
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // A tolerant reader: fields added to the envelope by a newer producer are ignored, and a
        // code added to an enumeration is read as the enumeration's OTHER where it has one (an
        // enumeration without one fails the read, and the consumer parks the record).
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public EventTypeRegistry registry() {
    return registry;
  }

  /** The envelope as UTF-8 JSON bytes. */
  public byte[] encode(EventEnvelope envelope) {
    try {
      return mapper.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode event " + envelope.eventId(), e);
    }
  }

  /** The envelope as a JSON string. */
  public String encodeToString(EventEnvelope envelope) {
    try {
      return mapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode event " + envelope.eventId(), e);
    }
  }

  /** The envelope as a JSON tree. */
  public ObjectNode toTree(EventEnvelope envelope) {
    return mapper.valueToTree(envelope);
  }

  /** Reads an envelope from UTF-8 JSON bytes. */
  public EventEnvelope decode(byte[] json) {
    try {
      return fromTree(mapper.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Malformed event envelope", e);
    }
  }

  /** Reads an envelope from a JSON string. */
  public EventEnvelope decode(String json) {
    try {
      return fromTree(mapper.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Malformed event envelope", e);
    }
  }

  /**
   * Reads an envelope from a JSON tree. An older revision still readable is brought to the current
   * one through the {@link Upcasters upcaster chain}; the envelope then carries the current
   * revision.
   */
  public EventEnvelope fromTree(JsonNode node) {
    String type = text(node, "type");
    int revision = node.path("revision").asInt(0);
    EventTypeRegistry.Entry entry = registry.entryOf(type, revision);
    JsonNode stored = node.get("payload");
    if (!(stored instanceof ObjectNode storedPayload)) {
      throw new IllegalArgumentException("Malformed payload of " + type + ": not an object");
    }
    JsonNode current =
        revision == entry.revision()
            ? storedPayload
            : upcasters.upcast(type, revision, entry.revision(), storedPayload);
    try {
      DomainEvent payload = mapper.treeToValue(current, entry.eventClass());
      return new EventEnvelope(
          text(node, "eventId"),
          type,
          entry.revision(),
          text(node, "aggregateType"),
          text(node, "aggregateId"),
          node.path("sequence").asLong(),
          Instant.parse(text(node, "occurredAt")),
          Instant.parse(text(node, "recordedAt")),
          textOrNull(node, "ward"),
          textOrNull(node, "actor"),
          textOrNull(node, "role"),
          textOrNull(node, "correlationId"),
          textOrNull(node, "causationId"),
          payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Malformed payload of " + type, e);
    }
  }

  /**
   * Whether a stored or published envelope is of an older revision than this build writes: it is
   * read through the upcaster chain, and its bytes are those its own revision was written in.
   */
  public boolean isOlderRevision(JsonNode node) {
    String type = text(node, "type");
    int revision = node.path("revision").asInt(0);
    return revision < registry.entryOf(type, revision).revision();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("Envelope lacks " + field);
    }
    return value.asText();
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
