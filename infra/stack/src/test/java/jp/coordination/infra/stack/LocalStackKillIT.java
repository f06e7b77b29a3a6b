package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A command answered 201 survives the whole local stack being killed. The stack is started as
 * {@code ./run-local.sh} starts it (the launcher JVM with the broker and the file-backed MongoDB
 * stand-in, the two services as its child JVMs) on a fresh data directory; eight clients register
 * households; after about 300 answers of 201 the launcher and its children are killed with SIGKILL
 * at once; the stack is started again on the same directory. Every acknowledged registration must
 * then be in the event store, on the topic, and counted once on the read side.
 */
class LocalStackKillIT {
  private static final Path LAUNCHER = Path.of("target", "local-stack-exec.jar");
  private static final Path SERVICES = Path.of("target", "services");
  private static final Path LOGS = Path.of("target", "e2e-logs", "LocalStackKillIT");
  private static final List<String> LAUNCHER_JVM_OPTIONS =
      List.of("-Xmx768m", "-Daxoniq.update-checker.disabled=true", "-Dfile.encoding=UTF-8");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final int CLIENTS = 8;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;
  private static final String WARD = "AOBA";
  private static final String TOPIC = "coordination.events";

  private final int kafkaPort = EndToEndScenario.freePort();
  private final int mongoPort = EndToEndScenario.freePort();
  private final int commandPort = EndToEndScenario.freePort();
  private final int queryPort = EndToEndScenario.freePort();
  private final CoordinationApi api =
      new CoordinationApi("http://127.0.0.1:" + commandPort, "http://127.0.0.1:" + queryPort);
  // Every id sent, and every id answered 201: the oracle, also written to a file for reading after
  // a failure.
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @Test
  void
      registrations_acknowledged_before_a_sigkill_of_the_stack_are_stored_published_and_counted_once()
          throws Exception {
    Files.createDirectories(LOGS);
    Path dataDir = Files.createTempDirectory(Path.of("target"), "kill-data-");
    Path ackLog = LOGS.resolve("acknowledged.log");
    Files.deleteIfExists(ackLog);

    ServiceProcess first = startStack(dataDir, LOGS.resolve("first-run.log"));
    try {
      registerUntilKilled(first, ackLog);
    } finally {
      first.kill();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    ServiceProcess second = startStack(dataDir, LOGS.resolve("second-run.log"));
    try {
      Set<String> stored = storedRegistrations();
      assertThat(difference(acknowledged, stored))
          .as(
              "acknowledged registrations missing from the event store after the kill (of %d acknowledged, %d stored)",
              acknowledged.size(), stored.size())
          .isEmpty();

      Set<String> published = keysOnTopic(stored);
      assertThat(difference(stored, published))
          .as("stored registrations missing from the topic")
          .isEmpty();

      // Applied exactly once: the ward counts every stored registration (acknowledged or not), and
      // no more.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(api.dashboard(WARD, "coordinator").householdsActive())
                      .isEqualTo(stored.size()));
      // A poll's views are written after its dashboards, so the count can be complete a moment
      // before the last views.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                for (String id : acknowledged) {
                  assertThat(api.query("/api/households/" + id, "coordinator").status())
                      .as("GET /api/households/%s", id)
                      .isEqualTo(200);
                }
              });
      assertThat(api.dashboard(WARD, "coordinator").householdsActive()).isEqualTo(stored.size());
    } finally {
      second.stop();
    }
    // Reached only when every check passed: a failed run keeps its data directory for reading.
    deleteRecursively(dataDir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private ServiceProcess startStack(Path dataDir, Path log) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("SERVICES_DIR", SERVICES.toAbsolutePath().toString());
    env.put("KAFKA_PORT", String.valueOf(kafkaPort));
    env.put("MONGO_PORT", String.valueOf(mongoPort));
    env.put("COMMAND_SERVICE_PORT", String.valueOf(commandPort));
    env.put("QUERY_SERVICE_PORT", String.valueOf(queryPort));
    env.put("COMMAND_MANAGEMENT_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("QUERY_MANAGEMENT_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("MONGO_IN_MEMORY", "false");
    env.put("DEMO", "false");
    env.put("DEMO_USERS_ENABLED", "true");
    env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    // Two starts of three JVMs are most of this test's time: the quick JIT tier and the serial
    // collector start Spring
    // faster on a small shared machine. The launcher passes its environment on, so the services get
    // them too.
    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    // The launcher is watched through the command-service's readiness: it starts the service only
    // once the broker and
    // the stand-in are up, and ServiceProcess reports the launcher's exit while waiting.
    ServiceProcess launcher =
        ServiceProcess.startLoggingTo(
            "local-stack", LAUNCHER, commandPort, LAUNCHER_JVM_OPTIONS, env, log);
    try {
      launcher.awaitReady(READY_TIMEOUT);
      URI queryReadiness =
          URI.create("http://127.0.0.1:" + queryPort + "/actuator/health/readiness");
      await()
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> ServiceProcess.isReady(queryReadiness));
    } catch (RuntimeException | AssertionError e) {
      launcher.kill();
      throw new AssertionError(
          "the local stack did not start; its output ends with:\n"
              + String.join("\n", launcher.tail(60)),
          e);
    }
    return launcher;
  }

  private void registerUntilKilled(ServiceProcess stack, Path ackLog) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.submit(
          () -> {
            while (!stop.get()) {
              String id = UUID.randomUUID().toString();
              sent.add(id);
              try {
                CoordinationApi.Answer answer =
                    api.post("/api/households", registration(id), "coordinator");
                if (answer.status() == 201) {
                  // The answer names the household: the client's id, as the checks below assume.
                  acknowledge(answer.json().path("id").asText(), ackLog);
                }
              } catch (IllegalStateException e) {
                // The stack is gone: the request's fate is unknown, which the checks allow for.
              }
            }
            return null;
          });
    }
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
      stack.kill();
    } finally {
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private synchronized void acknowledge(String id, Path ackLog) {
    acknowledged.add(id);
    try {
      Files.writeString(
          ackLog,
          id + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] registration(String id) {
    return """
        {"id":"%s","ward":"%s","riskFactors":["CAREGIVER_AGED"],"disabilityTypes":["INTELLECTUAL"],"child":false,\
        "supportNeeds":[],"consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"仙台 太郎","address":"青葉区1-1",\
        "birthYear":1980}}"""
        .formatted(id, WARD)
        .getBytes(StandardCharsets.UTF_8);
  }

  // The command side's event store read by _id with the driver: one document per aggregate
  // (docs/ARCHITECTURE.md).
  private Set<String> storedRegistrations() {
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
      Set<String> stored = new HashSet<>();
      for (Document stream :
          client
              .getDatabase("coordination")
              .getCollection("event_streams")
              .find(Filters.in("_id", new ArrayList<>(sent)))
              .projection(Projections.include("_id"))) {
        stored.add(stream.getString("_id"));
      }
      return stored;
    }
  }

  // Reads the whole topic from the start until every expected key was seen or the time is up.
  private Set<String> keysOnTopic(Set<String> expected) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!keys.containsAll(expected) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          keys.add(record.key());
        }
      }
    }
    return keys;
  }

  private static Set<String> difference(Set<String> all, Set<String> present) {
    return all.stream()
        .filter(id -> !present.contains(id))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
