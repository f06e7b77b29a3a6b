package jp.coordination.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jp.coordination.command.CommandServiceApplication;
import jp.coordination.command.audit.ActorDirectory;
import jp.coordination.command.publication.PendingPublications;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Counts the MongoDB operations of the whole service (HTTP layer, Axon, store and relay) for the
 * demo year's typical life of an intake: request, a facility's decline, placement, completion. The
 * store is the throughput bound of the benchmark (docs/BENCHMARKS.md), so this is the number that
 * must not creep up again: {@link #BUDGET} holds each command's operations as measured on
 * 2026-12-01 (relay included: one listing of the pending streams and one write settling them per
 * command), and more fails. Fewer is progress: lower the budget to keep it.
 */
@SpringBootTest(
    classes = {CommandServiceApplication.class, StoreOperationsPerCommandIT.Counting.class},
    properties = {
      // The demo user `facility` declines in the name of the facility the test registers.
      "coordination.facility-accounts.demo-facilities.facility="
          + StoreOperationsPerCommandIT.FACILITY,
      // The relay then runs only when an append wakes it: its idle polls are not per command.
      "coordination.publication.poll-interval=1h",
      // The reconciliation reads every stream on its own schedule, not per command.
      "coordination.publication.reconcile-interval=0",
      "axon.axonserver.enabled=false"
    })
@ActiveProfiles(ProfileGuards.LOCAL)
@AutoConfigureMockMvc
class StoreOperationsPerCommandIT {
  static final String FACILITY = "4f3e2d1c-0b9a-4887-a665-544332211000";
  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
  private static final EmbeddedKafkaBroker KAFKA = startKafka();

  /** The most MongoDB operations each command of an intake's life may cost, relay included. */
  private static final Map<String, Integer> BUDGET =
      Map.of("request intake", 4, "decline", 3, "place", 3, "complete", 3);

  /** The relay's listing of pending streams, told apart from a read of the stream itself. */
  private static final String PENDING_LISTING = "event_streams find pending";

  private static final String RELAY_THREAD = "publication-relay";

  private static final String ACTOR_DIRECTORY_WRITE = ActorDirectory.COLLECTION + " update";

  // Not an operation: where measure() reports the command path's writes beside the counts.
  private static final String COMMAND_PATH = "(command path writes)";

  private static final Map<String, AtomicInteger> OPERATIONS = new ConcurrentHashMap<>();
  // Writes sent by the request's own thread, before the command is answered.
  private static final Map<String, AtomicInteger> COMMAND_PATH_WRITES = new ConcurrentHashMap<>();
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
  // The test's own probes (waiting for the relay) are not the service's work.
  private static final ThreadLocal<Boolean> PROBING = ThreadLocal.withInitial(() -> false);
  private static final Set<String> NOT_COUNTED =
      Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions", "createIndexes");

  private static EmbeddedKafkaBroker startKafka() {
    try {
      return EmbeddedKafkaBroker.start(Files.createTempDirectory("ops-kafka"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Counting {
    @Bean
    MongoClientSettingsBuilderCustomizer countOperations() {
      return settings ->
          settings.addCommandListener(
              new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                  if (PROBING.get()
                      || NOT_COUNTED.contains(event.getCommandName())
                      || Thread.currentThread().getName().equals("leases")) {
                    return; // lease renewals run on their own clock, not per command
                  }
                  Object collection = event.getCommand().get(event.getCommandName());
                  String key =
                      (collection != null && collection.toString().startsWith("BsonString")
                              ? event.getCommand().getString(event.getCommandName()).getValue()
                              : "?")
                          + " "
                          + event.getCommandName();
                  if (event.getCommandName().equals("find")
                      && event.getCommand().containsKey("filter")
                      && event
                          .getCommand()
                          .getDocument("filter")
                          .containsKey(StoredEvents.PENDING)) {
                    key = PENDING_LISTING;
                  }
                  if (!Thread.currentThread().getName().equals(RELAY_THREAD)
                      && WRITES.contains(event.getCommandName())) {
                    COMMAND_PATH_WRITES
                        .computeIfAbsent(key, k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                  OPERATIONS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
              });
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/ops");
    registry.add("coordination.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    registry.add("coordination.kafka.topic", () -> "ops-events");
    registry.add("coordination.kafka.partitions", () -> "1");
    registry.add("coordination.kafka.replication-factor", () -> "1");
  }

  @AfterAll
  static void stop() {
    MONGO.close();
    KAFKA.close();
  }

  @Autowired MockMvc mvc;
  @Autowired PendingPublications pending;

  @Test
  void operations_per_command_of_an_intakes_life() throws Exception {
    String facility = FACILITY;
    measure(
        "register facility",
        "coordinator",
        "/api/facilities",
        """
        {"id": "%s", "name": "泉ショートステイ", "ward": "IZUMI", "kind": "SHORT_STAY",
         "capabilities": ["MEDICAL_CARE"], "emergencyBeds": 2}
        """
            .formatted(facility),
        201);
    Map<String, Integer> total = new TreeMap<>();
    int directoryWrites = 0;
    int commandPathWrites = 0;
    int commands = 0;
    int rounds = 5;
    for (int round = 0; round < rounds; round++) {
      String intake = UUID.randomUUID().toString();
      Map<String, Map<String, Integer>> perCommand = new java.util.LinkedHashMap<>();
      perCommand.put(
          "request intake",
          measure(
              "request intake",
              "aoba-coordinator",
              "/api/intakes",
              """
              {"id": "%s", "ward": "AOBA", "trigger": "CAREGIVER_SUDDEN_ILLNESS",
               "supportNeeds": ["MEDICAL_CARE"]}
              """
                  .formatted(intake),
              201));
      perCommand.put(
          "decline",
          measure(
              "decline",
              "facility",
              "/api/intakes/" + intake + "/declines",
              """
              {"id": "%s", "facilityId": "%s", "reason": "NO_BED"}
              """
                  .formatted(UUID.randomUUID(), facility),
              200));
      perCommand.put(
          "place",
          measure(
              "place",
              "aoba-coordinator",
              "/api/intakes/" + intake + "/placement",
              """
              {"id": "%s", "facilityId": "%s"}
              """
                  .formatted(UUID.randomUUID(), facility),
              200));
      perCommand.put(
          "complete",
          measure(
              "complete",
              "aoba-coordinator",
              "/api/intakes/" + intake + "/completion",
              """
              {"id": "%s", "outcome": "RETURNED_HOME"}
              """
                  .formatted(UUID.randomUUID()),
              200));
      for (Map<String, Integer> counts : perCommand.values()) {
        // A user's first command in this process writes the actor directory: per user, not per
        // command.
        Integer written = counts.remove(ACTOR_DIRECTORY_WRITE);
        directoryWrites += written == null ? 0 : written;
        commandPathWrites += counts.getOrDefault(COMMAND_PATH, 0);
        counts.remove(COMMAND_PATH);
        counts.forEach((k, v) -> total.merge(k, v, Integer::sum));
        commands++;
      }
      perCommand.forEach(
          (command, counts) ->
              assertThat(counts.values().stream().mapToInt(i -> i).sum())
                  .as("MongoDB operations of '%s': %s", command, counts)
                  .isLessThanOrEqualTo(BUDGET.get(command)));
      for (String command : List.of("decline", "place", "complete")) {
        assertThat(perCommand.get(command))
            .as("%s on an intake this instance has just written reads no stream", command)
            .doesNotContainKey("event_streams find")
            // the append, and the relay settling the stream (published version and mark at once)
            .containsEntry("event_streams update", 2)
            .containsEntry(PENDING_LISTING, 1);
      }
      perCommand.forEach(
          (command, counts) ->
              assertThat(counts.keySet())
                  .as("'%s' needs no marker of its own: the stream's write carries it", command)
                  .noneMatch(key -> key.startsWith(EventStreamCollections.PUBLICATION_PENDING)));
      if (round == rounds - 1) {
        perCommand.forEach(
            (command, counts) ->
                System.out.printf(
                    "OPS %-16s %2d %s%n",
                    command, counts.values().stream().mapToInt(i -> i).sum(), counts));
      }
    }
    assertThat(commandPathWrites)
        .as(
            "each accepted command costs one write on its path, the stream's own (%d commands)",
            commands)
        .isEqualTo(commands);
    int all = total.values().stream().mapToInt(i -> i).sum();
    System.out.printf(
        "OPS total over %d commands: %d (%.2f per command) %s%n",
        commands, all, (double) all / commands, total);
    int budget = rounds * BUDGET.values().stream().mapToInt(i -> i).sum();
    assertThat(all)
        .as("MongoDB operations of %d commands: %s", commands, total)
        .isLessThanOrEqualTo(budget);
    assertThat(directoryWrites)
        .as("actor directory writes of %d commands by two users", commands)
        .isLessThanOrEqualTo(2);
  }

  @Autowired EventStorageEngine engine;
  @Autowired EventStreamCollections collections;
  @Autowired StoredEvents storedEvents;

  /** A second instance of the service writing to the same store, with a cache of its own. */
  private MongoEventStorageEngine otherInstance() {
    return new MongoEventStorageEngine(
        collections.streams(),
        new StreamCache(collections.streams(), storedEvents, 10),
        storedEvents,
        pending,
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private List<Document> storedEventsOf(String id) {
    return StoredEvents.eventsOf(collections.streams().find(Filters.eq("_id", id)).first());
  }

  @Test
  void a_command_decided_on_a_stale_cache_entry_is_redone_on_fresh_data() throws Exception {
    String id = TestEvents.newId();
    engine.appendEvents(TestEvents.applied(TestEvents.registered(id, "AOBA"), 0, id));
    otherInstance()
        .appendEvents(TestEvents.applied(TestEvents.moved(id, "AOBA", "IZUMI"), 1, "other"));

    mvc.perform(
            post("/api/households/" + id + "/moves")
                .with(httpBasic("coordinator", "coordinator"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"toWard\": \"WAKABAYASHI\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(2));

    List<Document> events = storedEventsOf(id);
    assertThat(events).hasSize(3);
    EventEnvelope first = storedEvents.fromDocument(events.get(1));
    EventEnvelope retried = storedEvents.fromDocument(events.get(2));
    assertThat(first.causationId()).as("the other instance's event is kept").isEqualTo("other");
    assertThat(retried.payloadAs(HouseholdMovedWard.class))
        .as("decided on the stored state, not on the cached one")
        .isEqualTo(new HouseholdMovedWard(id, "IZUMI", "WAKABAYASHI"));
    assertThat(events.get(2).getString(StoredEvents.HASH))
        .as("the hash chain continues from the other instance's event")
        .isEqualTo(
            EventHashChain.next(
                events.get(1).getString(StoredEvents.HASH),
                storedEvents.codec().encode(retried),
                events.get(2).getString(StoredEvents.REQUEST_HASH)));
  }

  @Test
  void a_ward_scoped_user_is_refused_when_the_aggregate_left_their_ward_behind_the_cache()
      throws Exception {
    String id = TestEvents.newId();
    engine.appendEvents(TestEvents.applied(TestEvents.registered(id, "AOBA"), 0, id));
    // This instance's cache still says AOBA.
    otherInstance()
        .appendEvents(TestEvents.applied(TestEvents.moved(id, "AOBA", "IZUMI"), 1, "other"));

    mvc.perform(
            post("/api/households/" + id + "/deregistration")
                .with(httpBasic("aoba-coordinator", "aoba-coordinator"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"DECEASED\"}"))
        .andExpect(status().isForbidden());

    assertThat(storedEventsOf(id)).hasSize(2);
  }

  /** Sends one command, waits until the relay has published it, and returns what that cost. */
  private Map<String, Integer> measure(
      String name, String user, String path, String json, int expectedStatus) throws Exception {
    OPERATIONS.clear();
    COMMAND_PATH_WRITES.clear();
    mvc.perform(
            post(path)
                .with(httpBasic(user, user))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json))
        .andExpect(status().is(expectedStatus));
    PROBING.set(true);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(20))
          .until(() -> pending.list(1).isEmpty());
    } finally {
      PROBING.set(false);
    }
    Map<String, Integer> counts = new TreeMap<>();
    OPERATIONS.forEach((k, v) -> counts.put(k, v.get()));
    assertThat(counts).as(name).isNotEmpty();
    int pathWrites =
        COMMAND_PATH_WRITES.entrySet().stream()
            .filter(entry -> !entry.getKey().equals(ACTOR_DIRECTORY_WRITE))
            .mapToInt(entry -> entry.getValue().get())
            .sum();
    System.out.printf(
        "OPS %-16s command path writes %d %s%n", name, pathWrites, COMMAND_PATH_WRITES);
    counts.put(COMMAND_PATH, pathWrites);
    return counts;
  }
}
