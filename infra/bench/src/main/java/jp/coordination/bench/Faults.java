package jp.coordination.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.infra.demo.DemoCommand;
import jp.coordination.infra.demo.DemoYear;
import jp.coordination.infra.stack.ServiceProcess;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.dashboard.DashboardResponse;
import jp.coordination.query.dashboard.WardDashboard;
import jp.coordination.query.dashboard.WardDashboards;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateView;
import jp.coordination.query.views.Views;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.util.FileSystemUtils;

/**
 * The fault suite: the local stack as separate processes (the Kafka broker and the MongoDB stand-in
 * each in a launcher of its own, {@code --infra-only=kafka} and {@code =mongo}, and two
 * command-services and two query-services as child JVMs of this program), an open-loop load of the
 * demo year's commands with client-chosen ids, and faults injected at seeded random times, the
 * kinds in turn: SIGKILL and restart, SIGSTOP for a while and SIGCONT, of a service process;
 * SIGKILL and restart of the broker's process, of the stand-in's; the query side's stored consumer
 * positions deleted (everything is delivered again). The oracle is this program's log of
 * acknowledged commands. After the run it checks store, topic, views, dashboards (against a fold of
 * the topic through the services' own pure functions), the audit chain, the published versions and
 * the parked events, and writes docs/RELIABILITY.md.
 *
 * <p>Usage: {@code ./bench.sh Faults [--quick] [--seed=N] [--faults=N] [--rate=R]}: {@code --quick}
 * is 10 faults at 8 commands/s, 10–25 s apart; the full mode is 100 faults at 30 commands/s, 10–30
 * s apart after the previous one has healed, which makes over 100,000 commands (about 80 minutes on
 * a 2-core machine).
 */
public final class Faults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "coordination.events";
  private static final String BEGIN = "<!-- faults:begin (written by ./bench.sh Faults) -->";
  private static final String END = "<!-- faults:end -->";
  private static final int FISCAL_YEAR = 2024;
  private static final List<String> WARDS =
      List.of("AOBA", "MIYAGINO", "WAKABAYASHI", "TAIHAKU", "IZUMI");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  // Four service JVMs, the launcher and this load on a small shared machine: the quick JIT tier and
  // the serial
  // collector start Spring in about half the time, and every fault of a service is a restart.
  private static final List<String> SERVICE_JVM_OPTIONS =
      List.of(
          "-Xmx384m",
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Daxoniq.update-checker.disabled=true",
          "-Dfile.encoding=UTF-8");

  enum Kind {
    KILL_COMMAND("SIGKILL and restart of a command-service"),
    KILL_QUERY("SIGKILL and restart of a query-service"),
    PAUSE_COMMAND("SIGSTOP of a command-service, SIGCONT after the pause"),
    PAUSE_QUERY("SIGSTOP of a query-service, SIGCONT after the pause"),
    RESTART_BROKER("SIGKILL and restart of the Kafka broker's process"),
    RESTART_STORE("SIGKILL and restart of the MongoDB stand-in's process"),
    REWIND_POSITIONS("the query side's consumer_positions deleted (everything delivered again)");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  record Fault(
      int number,
      Kind kind,
      int instance,
      long startMillis,
      long liveMillis,
      long healedMillis,
      long p99Micros,
      int commands) {}

  record Outcome(
      String commandId,
      String aggregateId,
      long sequence,
      long intendedMillis,
      long latencyMicros) {}

  private final long seed;
  private final boolean quick;
  private final int faultCount;
  private final double rate;
  private final Duration pause;
  private final Path work;
  private final Path logs;
  private final int kafkaPort = freePort();
  private final int mongoPort = freePort();
  private final int basePort = fourFreePorts();
  // The services' management ports (metrics, actuator), laid out like the service ports.
  private final int managementBasePort = fourFreePorts();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final List<ServiceProcess> commandServices =
      new ArrayList<>(java.util.Arrays.asList(null, null));
  private final List<ServiceProcess> queryServices =
      new ArrayList<>(java.util.Arrays.asList(null, null));
  // Instances that must not receive load now (stopped, or killed and not yet ready again).
  private final Set<Integer> commandDown = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Void>> lastOfAggregate = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Outcome> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<long[]> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger unknown = new AtomicInteger();
  private final AtomicBoolean loading = new AtomicBoolean(true);
  private final long t0 = System.currentTimeMillis();
  private StackProcess broker;
  private StackProcess store;
  private PrintWriter ackLog;
  private PrintWriter refusedLog;

  private Faults(long seed, boolean quick, int faults, double rate, Path work) {
    this.seed = seed;
    this.quick = quick;
    this.faultCount = faults > 0 ? faults : quick ? 10 : 100;
    this.rate = rate > 0 ? rate : quick ? 8 : 30;
    // Longer than the relay's lease (15 s) and the consumer's session (10 s): a paused holder loses
    // both.
    this.pause = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(25);
    this.work = work;
    this.logs = work.resolve("logs");
  }

  public static void main(String[] argv) throws Exception {
    boolean quick = false;
    long seed = 20261130L;
    double rate = 0;
    int count = 0;
    for (String a : argv) {
      if (a.equals("--quick")) {
        quick = true;
      } else if (a.startsWith("--seed=")) {
        seed = Long.parseLong(a.substring("--seed=".length()));
      } else if (a.startsWith("--faults=")) {
        count = Integer.parseInt(a.substring("--faults=".length()));
      } else if (a.startsWith("--rate=")) {
        rate = Double.parseDouble(a.substring("--rate=".length()));
      } else {
        System.err.println(
            "usage: ./bench.sh Faults [--quick] [--seed=N] [--faults=N] [--rate=COMMANDS_PER_SECOND]");
        System.exit(2);
      }
    }
    Path work = Files.createTempDirectory("bench-faults-");
    Faults faults = new Faults(seed, quick, count, rate, work);
    boolean ok;
    try {
      ok = faults.run();
    } catch (Exception e) {
      // Said and ended here: the load's and the clients' threads would otherwise keep the JVM
      // alive.
      e.printStackTrace();
      faults.stopAll();
      System.out.println(
          "the suite failed; logs, acknowledged-command log and data are in " + work);
      System.exit(1);
      return;
    } finally {
      faults.stopAll();
    }
    System.out.println("logs and the acknowledged-command log are in " + faults.logs);
    FileSystemUtils.deleteRecursively(work.resolve("data"));
    System.exit(ok ? 0 : 1);
  }

  // ------------------------------------------------------------------------------------------ the
  // run

  private boolean run() throws Exception {
    Files.createDirectories(logs);
    ackLog = new PrintWriter(Files.newBufferedWriter(logs.resolve("acknowledged.log")), true);
    refusedLog = new PrintWriter(Files.newBufferedWriter(logs.resolve("refused.log")), true);
    System.out.printf(
        "fault suite: seed %d, %d faults, %.0f commands/s, work directory %s%n",
        seed, faultCount, rate, work);
    startStore(0);
    startBroker(0);
    for (int n = 0; n < 2; n++) {
      startCommand(n, 0);
      startQuery(n, 0);
    }
    for (int n = 0; n < 2; n++) {
      commandServices.get(n).awaitReady(READY_TIMEOUT);
      queryServices.get(n).awaitReady(READY_TIMEOUT);
    }
    System.out.println(
        "stack up after " + (System.currentTimeMillis() - t0) / 1000 + " s; load starts");

    Random schedule = new Random(seed);
    Thread loadSampler = new Thread(this::sampleLoadAverage, "faults-loadavg");
    loadSampler.setDaemon(true);
    loadSampler.start();
    Thread load = new Thread(this::load, "faults-load");
    load.start();
    List<Fault> faults = new ArrayList<>();
    List<String> scheduleLines = new ArrayList<>();
    Kind[] kinds = Kind.values();
    for (int i = 0; i < faultCount; i++) {
      long gap = 10_000 + schedule.nextInt(quick ? 15_000 : 20_000);
      Kind kind = kinds[i % kinds.length];
      int instance = schedule.nextInt(2);
      Thread.sleep(gap);
      long start = System.currentTimeMillis();
      String line =
          String.format(
              "%3d  t=%5.1f s  %-16s instance %d  (after %.1f s)",
              i + 1, (start - t0) / 1000.0, kind, instance + 1, gap / 1000.0);
      System.out.println("fault " + line);
      scheduleLines.add(line);
      CompletableFuture<Long> healing =
          inject(kind, instance, i + 1).thenApply(done -> System.currentTimeMillis());
      long live = awaitLive(start);
      long healed = healing.get(READY_TIMEOUT.toMillis() + pause.toMillis(), TimeUnit.MILLISECONDS);
      faults.add(new Fault(i + 1, kind, instance, start, live, healed, 0, 0));
      System.out.printf(
          "      dashboards live again after %.1f s, every process back after %.1f s%n",
          (live - start) / 1000.0, (healed - start) / 1000.0);
    }
    Thread.sleep(10_000);
    loading.set(false);
    load.join();
    CompletableFuture.allOf(lastOfAggregate.values().toArray(CompletableFuture[]::new))
        .get(5, TimeUnit.MINUTES);
    long loadEnded = System.currentTimeMillis();
    System.out.printf(
        "load over: %d sent, %d acknowledged, %d refused, %d unknown; checking%n",
        sent.get(), acknowledged.size(), refused.get(), unknown.get());
    List<Fault> costed = faults.stream().map(this::costOf).toList();
    Checks checks = check();
    writeReport(costed, scheduleLines, checks, loadEnded);
    return checks.ok();
  }

  // The machine's one-minute load average every 10 s (the suite's own processes included), for the
  // report: figures
  // from a machine that was busy with other work are not comparable, and the report says which it
  // was.
  private final List<Double> loadAverages =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private void sampleLoadAverage() {
    Path loadavg = Path.of("/proc/loadavg");
    while (loading.get()) {
      try {
        loadAverages.add(Double.parseDouble(Files.readString(loadavg).split(" ")[0]));
        Thread.sleep(10_000);
      } catch (IOException | NumberFormatException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String loadAverageSummary() {
    synchronized (loadAverages) {
      if (loadAverages.isEmpty()) {
        return "load average not available";
      }
      double mean = loadAverages.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double max = loadAverages.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      return String.format(
          java.util.Locale.ROOT,
          "one-minute load average during the load %.1f on average, %.1f at most, "
              + "the suite's own processes included, on %d cores",
          mean,
          max,
          Runtime.getRuntime().availableProcessors());
    }
  }

  // ---------------------------------------------------------------------------------------
  // processes

  // The broker and the stand-in each in a launcher of its own (--infra-only=kafka, =mongo), so
  // either can be killed
  // alone.
  private void startBroker(int generation) {
    broker =
        StackProcess.start(
            List.of(
                "--infra-only=kafka",
                "--data-dir=" + work.resolve("data"),
                "--kafka-port=" + kafkaPort,
                "--mongo-port=" + mongoPort),
            logs.resolve("broker-" + generation + ".log"));
    awaitPort(kafkaPort);
  }

  private void startStore(int generation) {
    store =
        StackProcess.start(
            List.of(
                "--infra-only=mongo",
                "--data-dir=" + work.resolve("data"),
                "--kafka-port=" + kafkaPort,
                "--mongo-port=" + mongoPort),
            logs.resolve("store-" + generation + ".log"));
    awaitPort(mongoPort);
  }

  private Map<String, String> env(int n) {
    Map<String, String> env = new HashMap<>();
    env.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/coordination");
    env.put("QUERY_MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/coordination_query");
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
    env.put("COMMAND_SERVICE_PORT", String.valueOf(commandPort(n)));
    env.put("QUERY_SERVICE_PORT", String.valueOf(queryPort(n)));
    env.put("COMMAND_MANAGEMENT_PORT", String.valueOf(managementBasePort + 2 * n));
    env.put("QUERY_MANAGEMENT_PORT", String.valueOf(managementBasePort + 1 + 2 * n));
    env.put("SPRING_PROFILES_ACTIVE", "local");
    env.put("DEMO_USERS_ENABLED", "true");
    env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    return env;
  }

  private int commandPort(int n) {
    return basePort + 2 * n;
  }

  private int queryPort(int n) {
    return basePort + 1 + 2 * n;
  }

  private void startCommand(int n, int generation) {
    commandServices.set(
        n,
        ServiceProcess.startLoggingTo(
            "command-service-" + (n + 1),
            servicesDir().resolve("command-service.jar"),
            commandPort(n),
            SERVICE_JVM_OPTIONS,
            env(n),
            logs.resolve("command-" + (n + 1) + "-" + generation + ".log")));
  }

  private void startQuery(int n, int generation) {
    queryServices.set(
        n,
        ServiceProcess.startLoggingTo(
            "query-service-" + (n + 1),
            servicesDir().resolve("query-service.jar"),
            queryPort(n),
            SERVICE_JVM_OPTIONS,
            env(n),
            logs.resolve("query-" + (n + 1) + "-" + generation + ".log")));
  }

  private static Path servicesDir() {
    return Path.of("infra", "stack", "target", "services");
  }

  // Strikes at once and returns the healing (the restart, or the SIGCONT after the pause), which
  // runs meanwhile.
  private CompletableFuture<Void> inject(Kind kind, int n, int number) throws Exception {
    switch (kind) {
      case KILL_COMMAND -> {
        commandDown.add(n);
        commandServices.get(n).kill();
        return heal(
            () -> {
              startCommand(n, number);
              commandServices.get(n).awaitReady(READY_TIMEOUT);
              commandDown.remove(n);
            });
      }
      case KILL_QUERY -> {
        queryServices.get(n).kill();
        return heal(
            () -> {
              startQuery(n, number);
              queryServices.get(n).awaitReady(READY_TIMEOUT);
            });
      }
      case PAUSE_COMMAND -> {
        // The load keeps going to it: a stopped process's kernel still accepts connections into the
        // backlog and they
        // wait, as in a long GC pause; the client's timeout (10 s) and its retry on the other
        // instance are part of
        // what is measured.
        long pid = commandServices.get(n).pid();
        signal("STOP", pid);
        return heal(
            () -> {
              Thread.sleep(pause.toMillis());
              signal("CONT", pid);
            });
      }
      case PAUSE_QUERY -> {
        long pid = queryServices.get(n).pid();
        signal("STOP", pid);
        return heal(
            () -> {
              Thread.sleep(pause.toMillis());
              signal("CONT", pid);
            });
      }
      case RESTART_BROKER -> {
        broker.kill();
        return heal(() -> startBroker(number));
      }
      case RESTART_STORE -> {
        store.kill();
        return heal(() -> startStore(number));
      }
      case REWIND_POSITIONS -> {
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
          long deleted =
              mongo
                  .getDatabase("coordination_query")
                  .getCollection("consumer_positions")
                  .deleteMany(new Document())
                  .getDeletedCount();
          System.out.println("      deleted " + deleted + " consumer positions");
        }
        // Positions are read when partitions are assigned: a rebalance (here a restarted
        // query-service) makes both
        // consumers find no position and start over from the beginning of the topic.
        queryServices.get(n).kill();
        return heal(
            () -> {
              startQuery(n, number);
              queryServices.get(n).awaitReady(READY_TIMEOUT);
            });
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
  }

  interface Healing {
    void run() throws Exception;
  }

  private static CompletableFuture<Void> heal(Healing healing) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            healing.run();
          } catch (Exception e) {
            throw new IllegalStateException("healing failed", e);
          }
        });
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }
  }

  private void stopAll() {
    for (ServiceProcess service : concat(commandServices, queryServices)) {
      if (service != null) {
        try {
          signal("CONT", service.pid());
        } catch (Exception e) {
          // already gone
        }
        service.kill();
      }
    }
    for (StackProcess infra : new StackProcess[] {broker, store}) {
      if (infra != null) {
        infra.close();
      }
    }
    if (ackLog != null) {
      ackLog.close();
      refusedLog.close();
    }
  }

  private static List<ServiceProcess> concat(List<ServiceProcess> a, List<ServiceProcess> b) {
    List<ServiceProcess> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ----------------------------------------------------------------------------------------------
  // load

  // Open loop: command i is due at t0 + i / rate whatever happened to the ones before; latency is
  // counted from when it
  // was due. Commands of one aggregate wait for the one before (a client would not send a placement
  // before its intake
  // was answered), commands of different aggregates do not wait for each other.
  private void load() {
    var senders = Executors.newFixedThreadPool(64);
    long start = System.nanoTime();
    long periodNanos = (long) (1e9 / rate);
    Iterator<DemoCommand> commands = commands();
    long i = 0;
    while (loading.get()) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      DemoCommand command = commands.next();
      long intendedMillis = System.currentTimeMillis() - Math.max(0, -wait) / 1_000_000;
      long dueNanos = due;
      String aggregate = aggregateOf(command);
      lastOfAggregate.compute(
          aggregate,
          (key, previous) -> {
            CompletableFuture<Void> before =
                previous == null ? CompletableFuture.completedFuture(null) : previous;
            return before.thenRunAsync(
                () -> sendLogged(command, aggregate, dueNanos, intendedMillis), senders);
          });
      i++;
    }
  }

  // The demo year's commands in their order; one year after another (each with a seed of its own,
  // so fresh ids).
  private Iterator<DemoCommand> commands() {
    return new Iterator<>() {
      private long yearSeed = seed;
      private Iterator<DemoCommand> year = DemoYear.generate(yearSeed, 1.0).commands().iterator();

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public DemoCommand next() {
        if (!year.hasNext()) {
          year = DemoYear.generate(++yearSeed, 1.0).commands().iterator();
        }
        return year.next();
      }
    };
  }

  private static String aggregateOf(DemoCommand command) {
    String[] parts = command.path().split("/");
    return parts.length > 3 ? parts[3] : idOf(command.body());
  }

  private static String idOf(String body) {
    try {
      return JSON.readTree(body).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void sendLogged(
      DemoCommand command, String aggregate, long dueNanos, long intendedMillis) {
    try {
      send(command, aggregate, dueNanos, intendedMillis);
    } catch (RuntimeException e) {
      unknown.incrementAndGet();
      System.out.println("sending " + command.path() + " failed in the client: " + e);
    }
  }

  // Sends with the same id until answered: 5xx and no answer are retried on the other instance
  // (with back-off, up to
  // two minutes); 2xx is acknowledged, 4xx refused.
  private void send(DemoCommand command, String aggregate, long dueNanos, long intendedMillis) {
    sent.incrementAndGet();
    String commandId = idOf(command.body());
    int instance = (int) (Math.abs((long) commandId.hashCode()) % 2);
    long backoff = 250;
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < giveUp) {
      if (commandDown.contains(instance)) {
        instance = 1 - instance;
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + commandPort(instance) + command.path()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", basic("coordinator"))
                    .header("Content-Type", "application/json")
                    .method(
                        command.method(),
                        HttpRequest.BodyPublishers.ofString(command.body(), StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          long micros = (System.nanoTime() - dueNanos) / 1000;
          JsonNode answer = JSON.readTree(response.body());
          Outcome outcome =
              new Outcome(
                  commandId,
                  answer.path("id").asText(aggregate),
                  answer.path("sequence").asLong(),
                  intendedMillis,
                  micros);
          acknowledged.add(outcome);
          synchronized (ackLog) {
            ackLog.println(
                commandId
                    + " "
                    + outcome.aggregateId()
                    + " "
                    + outcome.sequence()
                    + " "
                    + command.path());
          }
          return;
        }
        if (status < 500) {
          refused.incrementAndGet();
          synchronized (ackLog) {
            refusedLog.println(
                status
                    + " "
                    + command.path()
                    + " "
                    + commandId
                    + " "
                    + response.body().replace('\n', ' '));
          }
          return;
        }
      } catch (IOException e) {
        // No answer: its fate is unknown until a retry with the same id is answered.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      failures.add(new long[] {System.currentTimeMillis()});
      instance = 1 - instance;
      sleepQuietly(backoff);
      backoff = Math.min(backoff * 2, 4_000);
    }
    unknown.incrementAndGet();
  }

  // Time until the dashboards were live again: a registration sent right after the fault is
  // acknowledged and its view,
  // which the query side writes after the ward dashboards, is answered by a query-service (either:
  // a client behind a
  // load balancer sees the one that answers).
  private long awaitLive(long faultStart) {
    String id = UUID.randomUUID().toString();
    String body =
        """
        {"id":"%s","ward":"AOBA","riskFactors":["CAREGIVER_AGED"],"disabilityTypes":["INTELLECTUAL"],"child":false,\
        "supportNeeds":[],"consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"仙台 太郎","address":"青葉区1-1",\
        "birthYear":1980}}"""
            .formatted(id);
    DemoCommand probe =
        new DemoCommand(Instant.parse("2026-04-10T01:00:00Z"), "/api/households", body, 201);
    CompletableFuture<Void> sentProbe =
        CompletableFuture.runAsync(
            () -> send(probe, id, System.nanoTime(), System.currentTimeMillis()));
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      if (sentProbe.isDone()
          && (answers(queryPort(0), "/api/households/" + id)
              || answers(queryPort(1), "/api/households/" + id))) {
        return System.currentTimeMillis();
      }
      sleepQuietly(250);
    }
    System.out.println("      not live again within 5 minutes");
    return System.currentTimeMillis();
  }

  private boolean answers(int port, String path) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .timeout(Duration.ofSeconds(5))
                      .header("Authorization", basic("coordinator"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Fault costOf(Fault fault) {
    Histogram histogram = new Histogram(3_600_000_000L, 3);
    int commands = 0;
    for (Outcome outcome : acknowledged) {
      if (outcome.intendedMillis() >= fault.startMillis()
          && outcome.intendedMillis() <= Math.max(fault.liveMillis(), fault.healedMillis())) {
        histogram.recordValue(
            Math.min(outcome.latencyMicros(), histogram.getHighestTrackableValue()));
        commands++;
      }
    }
    long p99 = commands == 0 ? 0 : histogram.getValueAtPercentile(99);
    return new Fault(
        fault.number(),
        fault.kind(),
        fault.instance(),
        fault.startMillis(),
        fault.liveMillis(),
        fault.healedMillis(),
        p99,
        commands);
  }

  // --------------------------------------------------------------------------------------------
  // checks

  record Checks(
      int acknowledgedCommands,
      int lost,
      int unpublished,
      long duplicatedOnReadModel,
      int outOfOrder,
      int differentFromRebuild,
      int streamsBehind,
      long parked,
      long held,
      boolean auditIntact,
      String auditAnswer,
      long topicRecords,
      long storedEvents,
      String statistics,
      List<String> notes) {
    boolean ok() {
      return lost == 0
          && unpublished == 0
          && duplicatedOnReadModel == 0
          && outOfOrder == 0
          && differentFromRebuild == 0
          && streamsBehind == 0
          && parked == 0
          && held == 0
          && auditIntact;
    }
  }

  private Checks check() throws Exception {
    List<String> notes = new ArrayList<>();
    EventCodec codec = new EventCodec();
    // The store: every stream, its version and published version, and the command ids (causationId)
    // of its events.
    Map<String, Long> versions = new HashMap<>();
    Map<String, String> typeOf = new HashMap<>();
    Set<String> storedEventIds = new java.util.HashSet<>();
    Set<String> storedCommands = new java.util.HashSet<>();
    int behind = 0;
    long storedEvents = 0;
    try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
      // The relay may still be publishing what the last faults held back: give it time before
      // counting.
      long deadline = System.currentTimeMillis() + 180_000;
      do {
        behind = 0;
        // Only the counters: whole stream documents of a long run exceed a reply's size in the
        // default batch.
        for (Document stream :
            mongo
                .getDatabase("coordination")
                .getCollection("event_streams")
                .find()
                .projection(new Document("version", 1).append("published", 1))
                .batchSize(1000)) {
          long version = ((Number) stream.get("version")).longValue();
          Number published = (Number) stream.get("published");
          if (published == null || published.longValue() < version) {
            behind++;
          }
        }
        if (behind > 0) {
          sleepQuietly(2_000);
        }
      } while (behind > 0 && System.currentTimeMillis() < deadline);
      // A few streams per reply: a busy facility's stream holds thousands of events after a long
      // run.
      for (Document stream :
          mongo.getDatabase("coordination").getCollection("event_streams").find().batchSize(8)) {
        String id = stream.getString("_id");
        versions.put(id, ((Number) stream.get("version")).longValue());
        typeOf.put(id, stream.getString("aggregateType"));
        for (Document event : stream.getList("events", Document.class)) {
          storedEvents++;
          storedEventIds.add(event.getString("eventId"));
          storedCommands.add(event.getString("causationId"));
        }
      }
    }
    int lost = 0;
    for (Outcome outcome : acknowledged) {
      Long version = versions.get(outcome.aggregateId());
      if (version == null
          || version <= outcome.sequence()
          || !storedCommands.contains(outcome.commandId())) {
        lost++;
        if (lost <= 10) {
          notes.add(
              "acknowledged command "
                  + outcome.commandId()
                  + " on "
                  + outcome.aggregateId()
                  + " not in the store");
        }
      }
    }

    // The topic, whole: every stored event on it, first copies of an aggregate in sequence order,
    // and the fold.
    Map<String, Long> lastSequence = new HashMap<>();
    Set<String> onTopic = new java.util.HashSet<>();
    int outOfOrder = 0;
    long records = 0;
    BusinessCalendar calendar = BusinessCalendar.tokyo(Holidays.load(null).dates());
    Map<String, AggregateView> views = new HashMap<>();
    Map<String, WardDashboard> dashboards = new HashMap<>();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          EventEnvelope envelope = codec.decode(record.value());
          onTopic.add(envelope.eventId());
          long last = lastSequence.getOrDefault(envelope.aggregateId(), -1L);
          if (envelope.sequence() <= last) {
            continue; // a copy: consumers drop it, and so does the fold
          }
          if (envelope.sequence() != last + 1) {
            outOfOrder++;
            notes.add(
                "aggregate "
                    + envelope.aggregateId()
                    + ": sequence "
                    + envelope.sequence()
                    + " first arrived after "
                    + last);
          }
          lastSequence.put(envelope.aggregateId(), envelope.sequence());
          AggregateChange change = AggregateChange.of(views.get(envelope.aggregateId()), envelope);
          for (String ward : WardDashboards.wardsTouched(change)) {
            dashboards.put(
                ward,
                WardDashboards.evolve(
                    dashboards.getOrDefault(ward, WardDashboard.empty(ward)), change, calendar));
          }
          views.put(envelope.aggregateId(), change.after());
        }
      }
    }
    int unpublished = 0;
    for (String eventId : storedEventIds) {
      if (!onTopic.contains(eventId)) {
        unpublished++;
      }
    }

    // The read side once it has caught up: each view's sequence is its stream's last, each
    // dashboard equals the fold.
    long duplicated = 0;
    int different = 0;
    long deadline = System.currentTimeMillis() + 300_000;
    Map<String, String> differences = new TreeMap<>();
    do {
      differences.clear();
      duplicated = 0;
      try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
        Map<String, Long> viewSequences = new HashMap<>();
        // Every aggregate's view, the hub functions' and the plan's included: the query side's own
        // list of them.
        for (DocumentKind<?> kind : Views.ALL) {
          for (Document view :
              mongo.getDatabase("coordination_query").getCollection(kind.collection()).find()) {
            Object sequence = view.get("sequence");
            if (sequence instanceof Number number) {
              viewSequences.put(String.valueOf(view.get("_id")), number.longValue());
            }
          }
        }
        for (Map.Entry<String, Long> stream : versions.entrySet()) {
          Long applied = viewSequences.get(stream.getKey());
          long expected = stream.getValue() - 1;
          if (applied == null || applied != expected) {
            differences.put(
                "view " + stream.getKey(), "sequence " + applied + ", stream's last " + expected);
            if (applied != null && applied > expected) {
              duplicated += applied - expected;
            }
          }
        }
      }
      for (int port : List.of(queryPort(0), queryPort(1))) {
        for (String ward : WARDS) {
          JsonNode live = dashboard(port, ward);
          Instant asOf = Instant.now();
          JsonNode rebuilt =
              JSON.readTree(
                  EventCodec.newMapper()
                      .writeValueAsString(
                          DashboardResponse.of(
                              dashboards.getOrDefault(ward, WardDashboard.empty(ward)),
                              FISCAL_YEAR,
                              asOf,
                              calendar.zone())));
          strip(live);
          strip(rebuilt);
          if (!live.equals(rebuilt)) {
            differences.put(
                "dashboard " + ward + " on :" + port, "live " + live + "\n    rebuild " + rebuilt);
            duplicated += excess(live, rebuilt);
          }
        }
      }
      if (!differences.isEmpty()) {
        sleepQuietly(5_000);
      }
    } while (!differences.isEmpty() && System.currentTimeMillis() < deadline);
    different = differences.size();
    differences.entrySet().stream()
        .limit(20)
        .forEach(e -> notes.add(e.getKey() + ": " + e.getValue()));

    String statistics = compareStatisticsWithReplay(notes);
    if (!statistics.startsWith("equal")) {
      different++;
    }

    JsonNode parked = get(queryPort(0), "/api/operations/parked", "operator");
    JsonNode integrity = get(commandPort(0), "/api/audit/integrity", "auditor");
    return new Checks(
        acknowledged.size(),
        lost,
        unpublished,
        duplicated,
        outOfOrder,
        different,
        behind,
        parked.path("parked").asLong(-1),
        parked.path("held").asLong(-1),
        integrity.path("intact").asBoolean(false),
        integrity.toString(),
        records,
        storedEvents,
        statistics,
        notes);
  }

  /**
   * The regional statistics are a read model too, kept live by the consumer and rebuilt from the
   * topic alone by the evaluation: once the load has stopped, the year's live figures on each
   * query-service must equal the replay's (the same code computes both, so a difference means an
   * event was applied twice or not at all on the live side).
   */
  private String compareStatisticsWithReplay(List<String> notes) throws Exception {
    JsonNode started =
        send(
            queryPort(0),
            "POST",
            "/api/evaluations",
            "{\"fiscalYear\":" + FISCAL_YEAR + "}",
            "analyst",
            202);
    String job = "/api/evaluations/" + started.path("id").asText();
    JsonNode done;
    long deadline = System.currentTimeMillis() + 900_000;
    do {
      sleepQuietly(2_000);
      done = get(queryPort(0), job, "analyst");
    } while ("RUNNING".equals(done.path("status").asText())
        && System.currentTimeMillis() < deadline);
    if (!"DONE".equals(done.path("status").asText())) {
      notes.add("statistics: the evaluation replay did not finish: " + done);
      return "not compared: the evaluation replay ended " + done.path("status").asText();
    }
    JsonNode replay = done.path("result");
    Map<Integer, JsonNode> differing = new TreeMap<>();
    long until = System.currentTimeMillis() + 120_000;
    do {
      differing.clear();
      for (int port : List.of(queryPort(0), queryPort(1))) {
        JsonNode live = get(port, "/api/statistics/" + FISCAL_YEAR, "auditor");
        if (!live.equals(replay)) {
          differing.put(port, live);
        }
      }
      if (!differing.isEmpty()) {
        sleepQuietly(5_000);
      }
    } while (!differing.isEmpty() && System.currentTimeMillis() < until);
    differing.forEach(
        (port, live) ->
            notes.add(
                "statistics of FY"
                    + FISCAL_YEAR
                    + " on :"
                    + port
                    + " differ from the evaluation replay:\n    live "
                    + live.path("total")
                    + "\n    replay "
                    + replay.path("total")));
    String read = done.path("eventsRead").asText();
    return differing.isEmpty()
        ? "equal on both query-services (the replay read " + read + " records)"
        : "DIFFERENT on "
            + differing.size()
            + " query-service(s) (the replay read "
            + read
            + " records)";
  }

  // Times say when the answer was made, not what it counts.
  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("asOf");
      object.remove("generatedAt");
    }
  }

  // What the live side counts above the rebuild, summed over the dashboard's numbers: events
  // applied twice.
  private static long excess(JsonNode live, JsonNode rebuilt) {
    if (live.isNumber() && rebuilt.isNumber()) {
      return Math.max(0, live.asLong() - rebuilt.asLong());
    }
    long sum = 0;
    for (Iterator<String> names = live.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      sum += excess(live.get(name), rebuilt.path(name));
    }
    if (live.isArray()) {
      for (int i = 0; i < live.size(); i++) {
        sum += excess(live.get(i), rebuilt.path(i));
      }
    }
    return sum;
  }

  private JsonNode dashboard(int port, String ward) throws Exception {
    return get(port, "/api/wards/" + ward + "/dashboard?fiscalYear=" + FISCAL_YEAR, "coordinator");
  }

  private JsonNode send(
      int port, String method, String path, String body, String user, int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", basic(user))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method
              + " :"
              + port
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body());
  }

  private JsonNode get(int port, String path, String user) throws Exception {
    return send(port, "GET", path, null, user, 200);
  }

  // --------------------------------------------------------------------------------------------
  // report

  private void writeReport(List<Fault> faults, List<String> schedule, Checks checks, long loadEnded)
      throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("faults injected", String.valueOf(faults.size()));
    rows.put("commands acknowledged", String.valueOf(checks.acknowledgedCommands()));
    rows.put("acknowledged commands lost", String.valueOf(checks.lost()));
    rows.put("events duplicated on a read model", String.valueOf(checks.duplicatedOnReadModel()));
    rows.put("aggregates out of order", String.valueOf(checks.outOfOrder()));
    rows.put("read models different from a rebuild", String.valueOf(checks.differentFromRebuild()));
    StringBuilder table = new StringBuilder("| | |\n|---|---|\n");
    rows.forEach(
        (name, value) ->
            table.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    System.out.print(table);

    StringBuilder costs =
        new StringBuilder(
            "| # | fault | instance | at (s) | dashboards live again after (s) | every process back after (s) | commands due meanwhile "
                + "| p99 latency meanwhile (ms) |\n|---|---|---|---|---|---|---|---|\n");
    for (Fault f : faults) {
      costs.append(
          String.format(
              "| %d | %s | %s | %.0f | %.1f | %.1f | %d | %s |%n",
              f.number(),
              f.kind(),
              f.kind() == Kind.RESTART_BROKER || f.kind() == Kind.RESTART_STORE
                  ? "–"
                  : String.valueOf(f.instance() + 1),
              (f.startMillis() - t0) / 1000.0,
              (f.liveMillis() - f.startMillis()) / 1000.0,
              (f.healedMillis() - f.startMillis()) / 1000.0,
              f.commands(),
              f.commands() == 0 ? "–" : String.format("%.0f", f.p99Micros() / 1000.0)));
    }
    Map<Kind, List<Fault>> byKind = new TreeMap<>();
    faults.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));

    StringBuilder other = new StringBuilder();
    other.append(
        String.format(
            "- commands sent %d (acknowledged %d, refused with 4xx %d, no answer after two minutes of "
                + "retries %d); open loop at %.0f commands/s over %.0f s%n",
            sent.get(),
            checks.acknowledgedCommands(),
            refused.get(),
            unknown.get(),
            rate,
            (loadEnded - t0) / 1000.0));
    other.append(
        String.format(
            "- stored events %d, records on the topic %d (copies included), stored events not on the "
                + "topic %d%n",
            checks.storedEvents(), checks.topicRecords(), checks.unpublished()));
    other.append(
        String.format(
            "- streams behind their published version (the reconciliation's count, computed from "
                + "`event_streams`) %d%n",
            checks.streamsBehind()));
    other.append(
        String.format(
            "- parked events %d, held %d (`GET /api/operations/parked`)%n",
            checks.parked(), checks.held()));
    other.append(
        String.format(
            "- live statistics of FY%d (`GET /api/statistics/%d`) against the evaluation's replay of "
                + "the topic (`POST /api/evaluations`): %s%n",
            FISCAL_YEAR, FISCAL_YEAR, checks.statistics()));
    other.append(
        "- audit integrity (`GET /api/audit/integrity`): "
            + (checks.auditIntact() ? "intact" : "NOT intact: " + checks.auditAnswer())
            + "\n");
    for (String note : checks.notes()) {
      other.append("- ").append(note.replace("\n", "\n  ")).append('\n');
    }

    String section =
        "Run of "
            + Instant.now().toString().substring(0, 16)
            + "Z, `./bench.sh Faults"
            + (quick ? " --quick" : "")
            + " --seed="
            + seed
            + "`"
            + (quick ? " (the quick mode; the full mode was not run)" : "")
            + " ("
            + loadAverageSummary()
            + "): "
            + (checks.ok() ? "**every check passed**." : "**some checks failed** (below).")
            + "\n\n"
            + table
            + "\n"
            + other
            + "\n**Fault schedule** (seed "
            + seed
            + "; gap before each fault, after the previous one healed, drawn from "
            + (quick ? "10–25 s" : "10–30 s")
            + ", the kinds in turn, the instance "
            + "drawn):\n\n```\n"
            + String.join("\n", schedule)
            + "\n```\n\n**What each fault cost.** *Dashboards live again*: "
            + "from the fault (the SIGKILL, the SIGSTOP, the positions' deletion) until a registration sent right after it "
            + "was acknowledged and its view answered by a query-service (either one, as behind a load balancer). *Every "
            + "process back*: until the killed process was ready again (services: readiness UP; broker, stand-in: their "
            + "port open) or the paused one got SIGCONT (after "
            + pause.toSeconds()
            + " s). *p99 latency*: of the "
            + "commands due from the fault until the later of the two, from when each was due (open loop) until its 2xx, "
            + "retries included.\n\n"
            + costs;
    Path doc = Path.of("docs", "RELIABILITY.md");
    MarkdownSection.write(doc, BEGIN, END, section, MarkdownSection.FirstTime.AT_END);
    System.out.println("wrote the results to " + doc);
  }

  // -----------------------------------------------------------------------------------------
  // utilities

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitPort(int port) {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT.toMillis();
    while (System.currentTimeMillis() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        sleepQuietly(250);
      }
    }
    throw new IllegalStateException("nothing listens on " + port + " after " + READY_TIMEOUT);
  }

  // The instances listen on consecutive ports, as ./run-local.sh --instances=2 lays them out.
  private static int fourFreePorts() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freePort();
      if (base + 3 <= 65535 && free(base + 1) && free(base + 2) && free(base + 3)) {
        return base;
      }
    }
    throw new IllegalStateException("no four consecutive free ports");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
