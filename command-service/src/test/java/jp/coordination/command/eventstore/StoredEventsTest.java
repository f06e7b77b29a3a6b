package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

class StoredEventsTest {
  private static final Instant RECORDED_AT = Instant.parse("2026-04-01T09:31:02.123Z");

  private final EventCodec codec = new EventCodec();
  private final StoredEvents storedEvents = new StoredEvents(codec);

  @Test
  void envelope_takes_ids_and_times_from_the_command_metadata() {
    DomainEventMessage<?> message = applied(registered("h-1", "AOBA"), 0, "cmd-1");

    EventEnvelope envelope = storedEvents.toEnvelope(message, RECORDED_AT);

    assertThat(envelope.eventId()).isEqualTo(message.getIdentifier());
    assertThat(envelope.type()).isEqualTo("AtRiskHouseholdRegistered");
    assertThat(envelope.aggregateType()).isEqualTo("Household");
    assertThat(envelope.sequence()).isZero();
    assertThat(envelope.occurredAt()).isEqualTo(TestEvents.OCCURRED_AT);
    assertThat(envelope.recordedAt()).isEqualTo(RECORDED_AT);
    assertThat(envelope.ward()).isEqualTo("AOBA");
    assertThat(envelope.actor()).isEqualTo("coordinator-1");
    assertThat(envelope.role()).isEqualTo("COORDINATOR");
    assertThat(envelope.correlationId()).isEqualTo("corr-cmd-1");
    assertThat(envelope.causationId()).isEqualTo("cmd-1");
  }

  @Test
  void stored_document_decodes_to_exactly_the_appended_envelope_after_a_bson_round_trip() {
    EventEnvelope envelope =
        storedEvents.toEnvelope(applied(registered("h-1", "AOBA"), 0, "cmd-1"), RECORDED_AT);

    Document stored = throughBson(storedEvents.toDocument(envelope, "hash-1"));

    assertThat(stored.getString(StoredEvents.REQUEST_HASH)).isEqualTo("hash-1");
    EventEnvelope decoded = storedEvents.fromDocument(stored);
    assertThat(decoded).isEqualTo(envelope);
    assertThat(codec.encode(decoded)).isEqualTo(codec.encode(envelope));
  }

  @Test
  void stored_event_to_axon_message_and_back_gives_the_same_envelope() {
    EventEnvelope envelope =
        storedEvents.toEnvelope(applied(moved("h-1", "AOBA", "IZUMI"), 3, "cmd-2"), RECORDED_AT);

    GenericDomainEventMessage<?> message =
        storedEvents.toMessage(throughBson(storedEvents.toDocument(envelope, "hash-2")));

    assertThat(message.getIdentifier()).isEqualTo(envelope.eventId());
    assertThat(message.getAggregateIdentifier()).isEqualTo("h-1");
    assertThat(message.getSequenceNumber()).isEqualTo(3);
    assertThat(message.getType()).isEqualTo("Household");
    assertThat(message.getPayload()).isEqualTo(envelope.payload());
    assertThat(message.getMetaData()).containsEntry(CommandMetadata.REQUEST_HASH, "hash-2");
    assertThat(storedEvents.toEnvelope(message, message.getTimestamp())).isEqualTo(envelope);
  }

  @Test
  void a_command_without_business_time_happened_when_it_was_recorded() {
    DomainEventMessage<?> message =
        applied(registered("h-1", "AOBA"), 0, "cmd-1")
            .andMetaData(java.util.Map.of())
            .withMetaData(java.util.Map.of(CommandMetadata.COMMAND_ID, "cmd-1"));

    assertThat(storedEvents.toEnvelope(message, RECORDED_AT).occurredAt()).isEqualTo(RECORDED_AT);
  }

  @Test
  void an_event_outside_the_contract_is_refused() {
    var message = new GenericDomainEventMessage<>("Household", "h-1", 0, "not an event");

    assertThatThrownBy(() -> storedEvents.toEnvelope(message, RECORDED_AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_event_naming_another_aggregate_is_refused() {
    var payload = registered("h-2", "AOBA");
    var message = new GenericDomainEventMessage<>("Household", "h-1", 0, payload);

    assertThatThrownBy(() -> storedEvents.toEnvelope(message, RECORDED_AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("h-2");
  }

  @Test
  void every_command_metadata_key_is_copied_from_command_to_events() {
    assertThat(EventStoreConfiguration.commandMetadataKeys())
        .containsExactlyInAnyOrder(
            CommandMetadata.ACTOR,
            CommandMetadata.ROLE,
            CommandMetadata.OCCURRED_AT,
            CommandMetadata.CORRELATION_ID,
            CommandMetadata.COMMAND_ID,
            CommandMetadata.REQUEST_HASH,
            // Not an envelope field, but the engine reads it on the events (the version check).
            CommandMetadata.SCOPE_CHECKED);
  }

  /** What MongoDB gives back: the document encoded to BSON bytes and decoded again. */
  private static Document throughBson(Document document) {
    DocumentCodec documentCodec = new DocumentCodec();
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    documentCodec.encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().build());
    return documentCodec.decode(
        new BsonBinaryReader(ByteBuffer.wrap(buffer.toByteArray())),
        DecoderContext.builder().build());
  }
}
