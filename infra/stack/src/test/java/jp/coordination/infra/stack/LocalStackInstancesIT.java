package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh --instances=2}: the launcher starts two command-services and two
 * query-services on one broker and one store, the second of each two ports above the first. One
 * start of the stack serves every check: a command sent to the second command-service shows on the
 * dashboards of both query-services, and a live stream subscriber of the second query-service
 * receives it, whichever instance consumed the partition. Then, while four clients register
 * households on both command-services, the second command-service and the second query-service are
 * killed with SIGKILL (the launcher starts them again; the first instances carry on): every
 * registration answered 201 is stored and counted exactly once.
 */
class LocalStackInstancesIT {
  private static final Path LAUNCHER = Path.of("target", "local-stack-exec.jar");
  private static final Path SERVICES = Path.of("target", "services");
  private static final Path LOGS = Path.of("target", "e2e-logs", "LocalStackInstancesIT");
  private static final List<String> LAUNCHER_JVM_OPTIONS =
      List.of("-Xmx768m", "-Daxoniq.update-checker.disabled=true", "-Dfile.encoding=UTF-8");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final String WARD = "AOBA";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void
      a_command_sent_to_the_second_command_service_shows_on_both_query_services_and_survives_a_sigkill_of_either()
          throws Exception {
    Files.createDirectories(LOGS);
    Path dataDir = Files.createTempDirectory(Path.of("target"), "instances-data-");
    int base = fourFreePorts();
    int command1 = base;
    int query1 = base + 1;
    int command2 = base + 2;
    int query2 = base + 3;

    int mongoPort = EndToEndScenario.freePort();
    Path stackLog = LOGS.resolve("stack.log");
    ServiceProcess launcher = startStack(dataDir, base, mongoPort, stackLog);
    List<String> streamed = new CopyOnWriteArrayList<>();
    CompletableFuture<?> stream = null;
    try {
      for (int port : List.of(command1, query1, command2, query2)) {
        awaitReady(launcher, port);
      }
      CoordinationApi second =
          new CoordinationApi("http://127.0.0.1:" + command2, "http://127.0.0.1:" + query2);
      CoordinationApi first =
          new CoordinationApi("http://127.0.0.1:" + command1, "http://127.0.0.1:" + query1);
      stream = subscribe("http://127.0.0.1:" + query2, streamed);
      await().atMost(Duration.ofSeconds(30)).until(() -> !streamed.isEmpty());

      String viaSecond = UUID.randomUUID().toString();
      assertThat(second.post("/api/households", registration(viaSecond), "coordinator").status())
          .isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(first.dashboard(WARD, "coordinator").householdsActive())
                    .as("dashboard of :%d", query1)
                    .isEqualTo(1);
                assertThat(second.dashboard(WARD, "coordinator").householdsActive())
                    .as("dashboard of :%d", query2)
                    .isEqualTo(1);
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(activeHouseholds(streamed))
                      .as("live stream of :%d", query2)
                      .contains(1));
      assertThat(first.query("/api/households/" + viaSecond, "coordinator").status())
          .isEqualTo(200);

      // And the other way round: the first command-service feeds the second query-service's stream
      // too.
      String viaFirst = UUID.randomUUID().toString();
      assertThat(first.post("/api/households", registration(viaFirst), "coordinator").status())
          .isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(activeHouseholds(streamed))
                      .as("live stream of :%d", query2)
                      .contains(2));
      assertThat(second.dashboard(WARD, "coordinator").householdsActive()).isEqualTo(2);

      // One SIGKILL of each kind while registrations flow: the second command-service (its clients
      // retry the same id
      // on the first), then the second query-service (a rebalance hands its partitions to the
      // first). Every
      // registration answered 201 must be stored and counted exactly once.
      registerWhileKilling(first, second, stackLog, mongoPort);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\nthe stack's output ends with:\n"
              + String.join("\n", launcher.tail(80)),
          e);
    } finally {
      if (stream != null) {
        stream.cancel(true);
      }
      launcher.stop();
    }
    deleteRecursively(dataDir);
  }

  private void registerWhileKilling(
      CoordinationApi first, CoordinationApi second, Path stackLog, int mongoPort)
      throws Exception {
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      CoordinationApi[] order =
          c % 2 == 0
              ? new CoordinationApi[] {first, second}
              : new CoordinationApi[] {second, first};
      clients.submit(
          () -> {
            while (!stop.get()) {
              String id = UUID.randomUUID().toString();
              sent.add(id);
              // A client without an answer sends the same id again, to the other instance.
              for (int attempt = 0; attempt < 30 && !stop.get(); attempt++) {
                try {
                  int status =
                      order[attempt % 2]
                          .post("/api/households", registration(id), "coordinator")
                          .status();
                  if (status == 201) {
                    acknowledged.add(id);
                  }
                  if (status < 500) {
                    break;
                  }
                } catch (IllegalStateException e) {
                  // no answer: its fate is unknown until a retry is answered
                }
                Thread.sleep(200);
              }
            }
            return null;
          });
    }
    try {
      awaitMore(acknowledged, 30);
      kill(pidOf("command-service-2", stackLog));
      awaitMore(acknowledged, 30);
      kill(pidOf("query-service-2", stackLog));
      awaitMore(acknowledged, 30);
    } finally {
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    Set<String> stored = new HashSet<>();
    try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
      for (Document stream :
          mongo
              .getDatabase("coordination")
              .getCollection("event_streams")
              .find(Filters.in("_id", new ArrayList<>(sent)))
              .projection(Projections.include("_id"))) {
        stored.add(stream.getString("_id"));
      }
    }
    assertThat(acknowledged.stream().filter(id -> !stored.contains(id)).toList())
        .as("acknowledged registrations missing from the store (of %d)", acknowledged.size())
        .isEmpty();
    // Two registrations from before, and every stored one of this load (acknowledged or not)
    // exactly once.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(first.dashboard(WARD, "coordinator").householdsActive())
                    .isEqualTo(2 + stored.size()));
    // A household's view is written after the ward dashboard it counts in (docs/ARCHITECTURE.md):
    // the count can be
    // complete a moment before the last views are.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String id : acknowledged) {
                assertThat(first.query("/api/households/" + id, "coordinator").status())
                    .as("GET /api/households/%s", id)
                    .isEqualTo(200);
              }
            });
  }

  private static void awaitMore(Set<String> acknowledged, int more) {
    int target = acknowledged.size() + more;
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> acknowledged.size() >= target);
  }

  // The launcher prefixes each line of a service with its name; Spring Boot logs the JVM's id when
  // it starts.
  private static long pidOf(String service, Path stackLog) throws IOException {
    Pattern started = Pattern.compile("^\\[" + Pattern.quote(service) + "\\] .* with PID (\\d+)");
    long pid = -1;
    for (String line : Files.readAllLines(stackLog, StandardCharsets.UTF_8)) {
      Matcher matcher = started.matcher(line);
      if (matcher.find()) {
        pid = Long.parseLong(matcher.group(1));
      }
    }
    assertThat(pid).as("pid of %s in %s", service, stackLog).isPositive();
    return pid;
  }

  private static void kill(long pid) {
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    handle.destroyForcibly();
    handle.onExit().join();
  }

  private static ServiceProcess startStack(Path dataDir, int base, int mongoPort, Path log) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("SERVICES_DIR", SERVICES.toAbsolutePath().toString());
    env.put("KAFKA_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("MONGO_PORT", String.valueOf(mongoPort));
    env.put("COMMAND_SERVICE_PORT", String.valueOf(base));
    env.put("QUERY_SERVICE_PORT", String.valueOf(base + 1));
    // Management ports laid out like the service ports: n-th command-service first + 2n,
    // query-service first + 1 + 2n.
    int management = fourFreePorts();
    while (Math.abs(management - base) < 4) {
      management = fourFreePorts();
    }
    env.put("COMMAND_MANAGEMENT_PORT", String.valueOf(management));
    env.put("QUERY_MANAGEMENT_PORT", String.valueOf(management + 1));
    env.put("INSTANCES", "2");
    env.put("MONGO_IN_MEMORY", "false");
    env.put("DEMO", "false");
    env.put("DEMO_USERS_ENABLED", "true");
    env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    // Five JVMs on a small shared machine: the quick JIT tier and the serial collector start Spring
    // faster. The
    // launcher passes its environment on, so the services get them too.
    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    // Watched through the first command-service's readiness (the launcher's exit is reported while
    // waiting).
    return ServiceProcess.startLoggingTo(
        "local-stack", LAUNCHER, base, LAUNCHER_JVM_OPTIONS, env, log);
  }

  private static void awaitReady(ServiceProcess launcher, int port) {
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    await()
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!launcher.isAlive()) {
                throw new IllegalStateException(
                    "the launcher exited before :" + port + " was ready");
              }
              return ServiceProcess.isReady(readiness);
            });
  }

  // The ward's live stream as the dashboard page reads it: every `data:` line is a whole dashboard.
  private static CompletableFuture<?> subscribe(String queryBase, List<String> streamed) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(queryBase + "/api/wards/" + WARD + "/dashboard/stream"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("coordinator:coordinator".getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    return HttpClient.newHttpClient()
        .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            response ->
                response
                    .body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> streamed.add(line.substring("data:".length()).trim())));
  }

  private static List<Integer> activeHouseholds(List<String> streamed) {
    List<Integer> counts = new ArrayList<>();
    for (String data : streamed) {
      try {
        JsonNode active = JSON.readTree(data).path("households").path("active");
        if (active.isNumber()) {
          counts.add(active.asInt());
        }
      } catch (IOException e) {
        // not a dashboard (a comment or a keep-alive): not counted
      }
    }
    return counts;
  }

  // The second instance of each service listens two ports above the first: four consecutive free
  // ports.
  private static int fourFreePorts() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = EndToEndScenario.freePort();
      if (base + 3 <= 65535 && free(base + 1) && free(base + 2) && free(base + 3)) {
        return base;
      }
    }
    throw new IllegalStateException("no four consecutive free ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
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

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
