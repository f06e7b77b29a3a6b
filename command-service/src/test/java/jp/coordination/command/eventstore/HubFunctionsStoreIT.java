package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.TestEvents.commandMetadata;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.coordination.command.annualplan.AnnualPlan;
import jp.coordination.command.annualplan.SetAnnualPlan;
import jp.coordination.command.experiencestay.ArrangeExperienceStay;
import jp.coordination.command.experiencestay.CancelExperienceStay;
import jp.coordination.command.experiencestay.ExperienceStay;
import jp.coordination.command.experiencestay.StartExperienceStay;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregates of the hub's other functions through Axon and the stream store: a refused command
 * stores nothing, and the annual plan is created by its first setting and replaced by the next.
 */
class HubFunctionsStoreIT {
  private static final Instant JUNE_2026 = Instant.parse("2026-06-02T03:00:00Z");
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private final StoredEvents storedEvents = new StoredEvents(new EventCodec());
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
    collections = new EventStreamCollections(client.getDatabase("hub_" + System.nanoTime()));
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
            .configureAggregate(ExperienceStay.class)
            .configureAggregate(AnnualPlan.class)
            .configureCorrelationDataProviders(
                c -> List.of(wiring.commandMetadataCorrelationDataProvider()));
    wiring.subscribingEventProcessorsByDefault().configureModule(configurer);
    axon = configurer.buildConfiguration();
    axon.start();
    gateway = axon.commandGateway();
  }

  @AfterEach
  void stopAxon() {
    axon.shutdown();
  }

  private Object send(Object command, String commandId) {
    return gateway.sendAndWait(
        new GenericCommandMessage<>(command).withMetaData(commandMetadata(commandId)));
  }

  private List<EventEnvelope> stored(String id) {
    Document stream = collections.streams().find(new Document("_id", id)).first();
    return stream == null
        ? List.of()
        : StoredEvents.eventsOf(stream).stream().map(storedEvents::fromDocument).toList();
  }

  @Test
  void a_refused_command_stores_no_event() {
    String id = newId();
    LocalDate first = LocalDate.of(2026, 6, 10);
    send(
        new ArrangeExperienceStay(
            id, "AOBA", ExperienceStayKind.SHORT_STAY_TRIAL, null, null, first, first.plusDays(2)),
        id);
    send(new CancelExperienceStay(id, "延期"), "cancel-1");

    assertThatThrownBy(() -> send(new StartExperienceStay(id), "start-1"))
        .isInstanceOf(RuleBrokenException.class);

    assertThat(stored(id))
        .extracting(EventEnvelope::type)
        .containsExactly("ExperienceStayArranged", "ExperienceStayCancelled");
  }

  @Test
  void the_first_setting_creates_the_plan_and_the_next_replaces_it() {
    String id = AnnualPlanSet.planIdOf("sendai", 2026);
    List<PlanTarget> first =
        List.of(new PlanTarget(null, "householdsRegistered", new BigDecimal("60")));
    List<PlanTarget> second =
        List.of(new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("12")));

    assertThat(send(new SetAnnualPlan(id, "sendai", 2026, first, JUNE_2026), "plan-1"))
        .isEqualTo(0L);
    assertThat(send(new SetAnnualPlan(id, "sendai", 2026, second, JUNE_2026), "plan-2"))
        .isEqualTo(1L);

    List<EventEnvelope> events = stored(id);
    assertThat(events).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
    assertThat(events).extracting(EventEnvelope::ward).containsOnlyNulls();
    assertThat(events.get(1).payloadAs(AnnualPlanSet.class).targets()).isEqualTo(second);
  }

  @Test
  void a_plan_refused_after_its_deadline_stores_nothing() {
    String id = AnnualPlanSet.planIdOf("sendai", 2024);
    List<PlanTarget> targets =
        List.of(new PlanTarget(null, "householdsRegistered", new BigDecimal("60")));

    assertThatThrownBy(
            () -> send(new SetAnnualPlan(id, "sendai", 2024, targets, JUNE_2026), "late"))
        .isInstanceOf(RuleBrokenException.class);
    assertThat(stored(id)).isEmpty();
  }
}
