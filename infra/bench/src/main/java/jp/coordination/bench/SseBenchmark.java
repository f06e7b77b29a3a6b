package jp.coordination.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.infra.stack.ServiceProcess;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.util.FileSystemUtils;

/**
 * Live dashboard fan-out: N concurrent subscribers (default 2,000) of one ward's stream on the
 * query-service (its executable jar, as a child JVM, on the embedded Kafka broker and MongoDB
 * stand-in), all opened at once, timed from the first connect until the last one holds its initial
 * state; then U updates (default 20, one a second): each is an intake request produced to the topic
 * at T0, and each subscriber's latency is the time from T0 until it reads the dashboard that counts
 * it. Everything is on loopback, bounded, and stops by itself.
 *
 * <p>Usage: {@code ./bench.sh SseBenchmark [SUBSCRIBERS [UPDATES]]}.
 */
public final class SseBenchmark {

  static final Path QUERY_JAR =
      Path.of("infra", "stack", "target", "services", "query-service.jar");
  private static final String TOPIC = "bench.sse.events";
  private static final String WARD = "AOBA";
  private static final Pattern REQUESTED = Pattern.compile("\"requestedThisYear\":(\\d+)");

  public static void main(String[] args) throws Exception {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path work = Files.createTempDirectory("sse-bench-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
      try (AdminClient admin =
          AdminClient.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
      }
      int port = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("QUERY_MONGODB_URI", mongo.connectionString() + "/bench_sse");
      env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      env.put("KAFKA_TOPIC", TOPIC);
      env.put("KAFKA_CONSUMER_GROUP", "bench-" + UUID.randomUUID());
      env.put("QUERY_SERVICE_PORT", String.valueOf(port));
      env.put("QUERY_MANAGEMENT_PORT", String.valueOf(freePort()));
      env.put("SPRING_PROFILES_ACTIVE", "local");
      env.put("DEMO_USERS_ENABLED", "true");
      // The subscribers stand for as many browsers, but log in as one demo user, whose streams are
      // capped per user (8 by default, API-ADDITIONS.md "Live stream"): the cap is raised by its
      // setting, as a deployment would where many screens share one account.
      env.put("DASHBOARD_STREAM_MAX_PER_USER", String.valueOf(Math.max(8, subscribers)));
      // Every browser reconnects at once after a restart, and so do the subscribers here: with
      // Tomcat's backlog of 200 (application.yml) the kernel dropped about 1,200 of 2,000 SYNs
      // (ListenOverflows), each retried by the client after a second or more. A deployment for that
      // many browsers sizes the backlog for them, by Spring Boot's own property.
      env.put("SERVER_TOMCAT_ACCEPTCOUNT", String.valueOf(Math.max(200, subscribers)));
      try (ServiceProcess query =
          ServiceProcess.startLoggingTo(
              "query-service",
              QUERY_JAR,
              port,
              List.of("-Xmx512m", "-XX:ActiveProcessorCount=2", "-Dfile.encoding=UTF-8"),
              env,
              work.resolve("query-service.log"))) {
        query.awaitReady(Duration.ofMinutes(3));
        run(query.baseUrl(), broker.bootstrapServers(), subscribers, updates);
      }
    } finally {
      // The query-service's log stays for reading; the broker's data goes.
      FileSystemUtils.deleteRecursively(work.resolve("kafka"));
    }
  }

  private static void run(String base, String bootstrap, int subscriberCount, int updates)
      throws Exception {
    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(clientThreads)
            .build();
    // receivedAt[s][k]: when subscriber s first saw a dashboard counting update k (nanoTime), 0 if
    // never.
    long[][] receivedAt = new long[subscriberCount][updates + 1];
    AtomicInteger connected = new AtomicInteger();
    AtomicLong lastInitial = new AtomicLong();
    CountDownLatch allConnected = new CountDownLatch(subscriberCount);
    int[] base0 = {-1};
    Map<Integer, Integer> baseline = new ConcurrentHashMap<>();
    List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
    long connectStart = System.nanoTime();
    for (int s = 0; s < subscriberCount; s++) {
      int index = s;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/wards/" + WARD + "/dashboard/stream"))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(
                              "coordinator:coordinator".getBytes(StandardCharsets.UTF_8)))
              .header("Accept", "text/event-stream")
              .build();
      streams.add(
          http.sendAsync(
              request,
              HttpResponse.BodyHandlers.fromLineSubscriber(
                  new LineSubscriber(
                      line -> {
                        if (!line.startsWith("data:")) {
                          return;
                        }
                        Matcher m = REQUESTED.matcher(line);
                        if (!m.find()) {
                          return;
                        }
                        int value = Integer.parseInt(m.group(1));
                        Integer first = baseline.putIfAbsent(index, value);
                        if (first == null) {
                          lastInitial.accumulateAndGet(System.nanoTime(), Math::max);
                          connected.incrementAndGet();
                          allConnected.countDown();
                          return;
                        }
                        int k = value - first;
                        if (k >= 1 && k <= updates) {
                          long now = System.nanoTime();
                          for (int j = 1; j <= k; j++) {
                            if (receivedAt[index][j] == 0) {
                              receivedAt[index][j] = now;
                            }
                          }
                        }
                      }))));
    }
    if (!allConnected.await(180, TimeUnit.SECONDS)) {
      System.out.printf(
          "only %d of %d subscribers got their first message within 180 s%n",
          connected.get(), subscriberCount);
    }
    double connectSeconds =
        connected.get() == 0 ? Double.NaN : (lastInitial.get() - connectStart) / 1e9;
    // A stream that ended already was refused (a status other than 200) or failed to connect.
    Map<String, Integer> ended = new java.util.TreeMap<>();
    for (CompletableFuture<HttpResponse<Void>> f : streams) {
      if (f.isDone()) {
        String why;
        try {
          why = "status " + f.getNow(null).statusCode();
        } catch (java.util.concurrent.CompletionException e) {
          why = String.valueOf(e.getCause());
        }
        ended.merge(why, 1, Integer::sum);
      }
    }
    if (!ended.isEmpty()) {
      System.out.println("streams that ended before the updates: " + ended);
    }

    long[] sentAt = new long[updates + 1];
    EventCodec codec = new EventCodec();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.ACKS_CONFIG,
            "all");
    // Requests in today's fiscal year: the stream shows the year of asOf.
    Instant at = Instant.now().minusSeconds(60);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int k = 1; k <= updates; k++) {
        String id = UUID.randomUUID().toString();
        var envelope =
            Envelopes.wrap(
                new EmergencyIntakeRequested(
                    id, WARD, null, IntakeTrigger.OTHER, List.<SupportNeed>of()),
                UUID.randomUUID().toString(),
                0,
                at,
                Instant.now(),
                "bench",
                "COORDINATOR",
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        sentAt[k] = System.nanoTime();
        producer.send(new ProducerRecord<>(TOPIC, id, codec.encode(envelope))).get();
        Thread.sleep(1000);
      }
    }
    Thread.sleep(3000);

    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    int allWithinOneSecond = 0;
    int missing = 0;
    for (int k = 1; k <= updates; k++) {
      int within = 0;
      for (int s = 0; s < subscriberCount; s++) {
        long got = receivedAt[s][k];
        if (got == 0) {
          missing++;
          continue;
        }
        long micros = Math.max(0, (got - sentAt[k]) / 1000);
        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
        if (micros <= 1_000_000) {
          within++;
        }
      }
      if (within == subscriberCount) {
        allWithinOneSecond++;
      }
    }
    streams.forEach(f -> f.cancel(true));
    clientThreads.shutdownNow();

    Runtime rt = Runtime.getRuntime();
    System.out.println();
    System.out.println("== Dashboard SSE fan-out");
    System.out.printf(
        "date %s, %d cores, %.1f GiB memory, JDK %s%n",
        LocalDate.now(),
        rt.availableProcessors(),
        totalMemoryGiB(),
        System.getProperty("java.version"));
    System.out.printf(
        "subscribers %d (one ward), updates %d (1/s), deliveries %d, missing %d%n",
        subscriberCount, updates, latency.getTotalCount(), missing);
    System.out.printf(
        "latency produce -> subscriber: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getMaxValue() / 1000.0);
    System.out.printf(
        "connections: %d of %d open with their initial state %.1f s after the first connect"
            + " (target: all within 10 s)%n",
        connected.get(), subscriberCount, connectSeconds);
    System.out.printf(
        "updates that reached all %d subscribers within 1 s: %d of %d%n",
        subscriberCount, allWithinOneSecond, updates);
  }

  static double totalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return Double.NaN;
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Hands each line to a callback; unbounded demand (lines are small and few). */
  static final class LineSubscriber implements Flow.Subscriber<String> {
    private final java.util.function.Consumer<String> onLine;

    LineSubscriber(java.util.function.Consumer<String> onLine) {
      this.onLine = onLine;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String item) {
      onLine.accept(item);
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
