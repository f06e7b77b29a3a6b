package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.commandMetadata;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store plugged into Axon as the service plugs it: commands in, envelopes stored. */
class AxonWiringIT {
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
  private final List<EventMessage<?>> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
  private EventStreamCollections collections;
  private Configuration axon;
  private CommandGateway gateway;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @BeforeEach
  void startAxon() {
    collections = new EventStreamCollections(client.getDatabase("axon_" + System.nanoTime()));
    MongoEventStorageEngine engine =
        new MongoEventStorageEngine(
            collections.streams(),
            new StreamCache(collections.streams(), storedEvents, 1000),
            storedEvents,
            new PendingPublications(collections, Clock.systemUTC()),
            Clock.systemUTC(),
            new SimpleMeterRegistry());
    EventStoreConfiguration wiring = new EventStoreConfiguration();
    var configurer =
        DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> engine)
            .configureAggregate(TestHousehold.class)
            .configureCorrelationDataProviders(
                c -> List.of(wiring.commandMetadataCorrelationDataProvider()));
    wiring.subscribingEventProcessorsByDefault().configureModule(configurer);
    configurer
        .eventProcessing()
        .registerEventHandler(
            c ->
                new Object() {
                  @EventHandler
                  void on(HouseholdMovedWard event, EventMessage<?> message) {
                    handled.add(message);
                  }
                });
    axon = configurer.buildConfiguration();
    axon.start();
    gateway = axon.commandGateway();
  }

  @AfterEach
  void stopAxon() {
    axon.shutdown();
  }

  private void send(Object command, String commandId) {
    gateway.sendAndWait(
        new GenericCommandMessage<>(command).withMetaData(commandMetadata(commandId)));
  }

  @Test
  void commands_through_axon_store_envelopes_with_the_commands_metadata_and_sequences() {
    String id = newId();
    send(new TestHousehold.Register(id, "AOBA"), id);
    send(new TestHousehold.Move(id, "IZUMI"), "move-1");
    send(new TestHousehold.Move(id, "TAIHAKU"), "move-2");

    Document stream = collections.streams().find(new Document("_id", id)).first();
    List<EventEnvelope> stored =
        StoredEvents.eventsOf(stream).stream().map(storedEvents::fromDocument).toList();
    assertThat(stored).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
    assertThat(stored)
        .extracting(EventEnvelope::causationId)
        .containsExactly(id, "move-1", "move-2");
    assertThat(stored)
        .extracting(EventEnvelope::correlationId)
        .containsExactly("corr-" + id, "corr-move-1", "corr-move-2");
    assertThat(stored).extracting(EventEnvelope::actor).containsOnly("coordinator-1");
    assertThat(stored).extracting(EventEnvelope::occurredAt).containsOnly(TestEvents.OCCURRED_AT);
    assertThat(stored.get(2).ward()).isEqualTo("TAIHAKU");
    assertThat(
            new MongoEventStreams(new StreamCache(collections.streams(), storedEvents, 1000))
                .findCommand(id, "move-2"))
        .contains(new StoredCommand("Household", id, "hash-move-2", 2, false));
    // A local event handler runs in a subscribing processor and sees the stored identity.
    assertThat(handled)
        .extracting(EventMessage::getIdentifier)
        .containsExactly(stored.get(1).eventId(), stored.get(2).eventId());
  }

  @Test
  void a_retried_command_is_refused_through_the_gateway_and_stores_nothing() {
    String id = newId();
    send(new TestHousehold.Register(id, "AOBA"), id);
    send(new TestHousehold.Move(id, "IZUMI"), "move-1");

    assertThatThrownBy(() -> send(new TestHousehold.Move(id, "TAIHAKU"), "move-1"))
        .isInstanceOf(DuplicateCommandException.class);
    assertThatThrownBy(() -> send(new TestHousehold.Register(id, "AOBA"), id))
        .isInstanceOf(DuplicateCommandException.class);
    assertThatThrownBy(() -> send(new TestHousehold.Register(id, "AOBA"), "another"))
        .isInstanceOf(AggregateAlreadyExistsException.class);

    Document stream = collections.streams().find(new Document("_id", id)).first();
    assertThat(StoredEvents.versionOf(stream)).isEqualTo(2);
  }
}
