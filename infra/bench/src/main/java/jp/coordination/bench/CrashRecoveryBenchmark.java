package jp.coordination.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.util.FileSystemUtils;

/**
 * The longer variant of {@code LocalStackKillIT}: several rounds of starting the local stack as
 * {@code ./run-local.sh} does on one data directory, registering households from 8 clients, and
 * killing the launcher and its service JVMs with SIGKILL after a random number (200–600) of answers
 * 201. After each restart every registration acknowledged so far must be in the event store; after
 * the last, also on the topic and counted once on the ward dashboard.
 *
 * <p>Usage: {@code ./bench.sh CrashRecoveryBenchmark [--rounds=N]} (default 5); prints {@code
 * acknowledged registrations lost: L of A over K kills; ...}, which the suite reads.
 */
public final class CrashRecoveryBenchmark {
  private static final int CLIENTS = 8;
  private static final String WARD = "AOBA";
  private static final String TOPIC = "coordination.events";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("coordinator:coordinator".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> args;
  private final Path work;

  private CrashRecoveryBenchmark(List<String> args, Path work) {
    this.args = args;
    this.work = work;
  }

  public static void main(String[] argv) throws Exception {
    int rounds = 5;
    for (String a : argv) {
      if (a.startsWith("--rounds=")) {
        rounds = Integer.parseInt(a.substring("--rounds=".length()));
      }
    }
    Path work = Files.createTempDirectory("bench-crash-");
    List<String> args =
        List.of(
            "--data-dir=" + work.resolve("data"),
            "--kafka-port=" + SseBenchmark.freePort(),
            "--mongo-port=" + SseBenchmark.freePort(),
            "--command-port=" + SseBenchmark.freePort(),
            "--query-port=" + SseBenchmark.freePort());
    boolean ok;
    try {
      ok = new CrashRecoveryBenchmark(args, work).run(rounds, new Random(20261130L));
    } finally {
      FileSystemUtils.deleteRecursively(work.resolve("data"));
      System.out.println("the stack's logs are in " + work);
    }
    System.exit(ok ? 0 : 1);
  }

  private boolean run(int rounds, Random random) throws Exception {
    for (int round = 1; round <= rounds; round++) {
      StackProcess stack = StackProcess.start(args, work.resolve("round-" + round + ".log"));
      try {
        Duration ready = stack.awaitReady();
        int before = acknowledged.size();
        int lost = missing(acknowledged, stored(stack)).size();
        long t0 = System.nanoTime();
        registerUntil(before + 200 + random.nextInt(401));
        stack.kill();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "round %d: ready in %.1f s, %d of the %d acknowledged so far missing from the store;"
                + " killed after %d more acknowledged (%.0f /s)%n",
            round,
            ready.toNanos() / 1e9,
            lost,
            before,
            acknowledged.size() - before,
            (acknowledged.size() - before) / seconds);
      } finally {
        stack.close();
      }
    }
    StackProcess stack = StackProcess.start(args, work.resolve("final.log"));
    try {
      stack.awaitReady();
      Set<String> stored = stored(stack);
      Set<String> missing = missing(acknowledged, stored);
      Set<String> unpublished = missing(stored, keysOnTopic(stack, stored));
      int active = awaitActive(stack, stored.size());
      System.out.printf(
          "after %d kills: %d sent, %d acknowledged, %d stored, %d stored but not on the topic, ward"
              + " dashboard counts %d%n",
          rounds, sent.size(), acknowledged.size(), stored.size(), unpublished.size(), active);
      System.out.printf(
          "acknowledged registrations lost: %d of %d over %d kills; stored but not on the topic: %d;"
              + " dashboard counts %d of %d stored%n",
          missing.size(), acknowledged.size(), rounds, unpublished.size(), active, stored.size());
      return missing.isEmpty() && unpublished.isEmpty() && active == stored.size();
    } finally {
      stack.close();
    }
  }

  private void registerUntil(int acknowledgedTarget) throws Exception {
    String command = "http://127.0.0.1:" + portOf("--command-port=");
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.submit(
          () -> {
            while (!stop.get()) {
              String id = UUID.randomUUID().toString();
              sent.add(id);
              HttpRequest request =
                  HttpRequest.newBuilder(URI.create(command + "/api/households"))
                      .timeout(Duration.ofSeconds(30))
                      .header("Authorization", AUTH)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              registration(id), StandardCharsets.UTF_8))
                      .build();
              try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201) {
                  acknowledged.add(id);
                }
              } catch (java.io.IOException e) {
                // The stack is gone: the request's fate is unknown, which the checks allow for.
              }
            }
            return null;
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acknowledged.size() < acknowledgedTarget && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // The caller kills the stack now; the clients stop once their last request fails.
    stop.set(true);
    clients.shutdown();
  }

  private static String registration(String id) {
    return """
        {"id":"%s","ward":"%s","riskFactors":["CAREGIVER_AGED"],"disabilityTypes":["INTELLECTUAL"],"child":false,\
        "supportNeeds":[],"consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"仙台 太郎","address":"青葉区1-1",\
        "birthYear":1980}}"""
        .formatted(id, WARD);
  }

  private Set<String> stored(StackProcess stack) {
    Set<String> stored = new HashSet<>();
    if (sent.isEmpty()) {
      return stored;
    }
    try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
      for (Document stream :
          client
              .getDatabase("coordination")
              .getCollection("event_streams")
              .find(Filters.in("_id", new ArrayList<>(sent)))
              .projection(Projections.include("_id"))) {
        stored.add(stream.getString("_id"));
      }
    }
    return stored;
  }

  private static Set<String> keysOnTopic(StackProcess stack, Set<String> expected) {
    java.util.Map<String, Object> config = new java.util.HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!keys.containsAll(expected) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          keys.add(record.key());
        }
      }
    }
    return keys;
  }

  // The ward dashboard's count of active households, once it equals the expected count or 90 s have
  // passed.
  private int awaitActive(StackProcess stack, int expected) throws Exception {
    URI dashboard =
        URI.create(
            "http://127.0.0.1:"
                + stack.settings().queryServicePort()
                + "/api/wards/"
                + WARD
                + "/dashboard");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int active = -1;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(dashboard)
                  .header("Authorization", AUTH)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      active = JSON.readTree(response.body()).path("households").path("active").asInt(-1);
      if (active == expected) {
        break;
      }
      Thread.sleep(1_000);
    }
    return active;
  }

  private String portOf(String flag) {
    return args.stream()
        .filter(a -> a.startsWith(flag))
        .findFirst()
        .orElseThrow()
        .substring(flag.length());
  }

  private static Set<String> missing(Set<String> expected, Set<String> present) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(present);
    return missing;
  }
}
