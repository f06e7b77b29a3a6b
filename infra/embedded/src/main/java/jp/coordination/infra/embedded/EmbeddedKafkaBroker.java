package jp.coordination.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one server) running in this JVM,
 * listening in PLAINTEXT on 127.0.0.1. Data stays in the log directory across {@link #stop()},
 * {@link #restart()} and {@link #close()}, so tests can take the broker away and bring it back with
 * the records it held.
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}), as in
 * production: whoever publishes creates the topic first.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path logDir;
  private final int port;
  // The controller listener keeps its port across restarts too: it is the address of the (only)
  // quorum voter.
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path logDir, int port, int controllerPort) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker, formatting the log directory first when it has never been used.
   *
   * @param logDir where the broker keeps its logs and metadata; created if missing
   * @param port the client port, 0 for a free one
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port) {
    Path dir = logDir.toAbsolutePath();
    int clientPort = port == 0 ? FreePort.pick() : port;
    int controllerPort = FreePort.pick();
    while (controllerPort == clientPort) {
      controllerPort = FreePort.pick();
    }
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, clientPort, controllerPort);
    broker.startServer();
    return broker;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers(port);
  }

  /** The address a broker started on {@code port} (not 0) answers at, known before it starts. */
  public static String bootstrapServers(int port) {
    return "127.0.0.1:" + port;
  }

  /** Shuts the broker down; the log directory and the port are kept for {@link #restart()}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long started = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
    log.info(
        "Kafka broker on {} stopped in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Starts the broker again on the same port and log directory (stopping it first if it runs). */
  public synchronized void restart() {
    stop();
    startServer();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker and keeps its files. */
  @Override
  public void close() {
    stop();
  }

  private synchronized void startServer() {
    long started = System.nanoTime();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    Properties properties = properties();
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(properties);
    }
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    try {
      starting.startup();
      awaitReady();
    } catch (RuntimeException e) {
      starting.shutdown();
      starting.awaitShutdown();
      throw new IllegalStateException(
          "Kafka broker on " + bootstrapServers() + " did not start", e);
    }
    server = starting;
    log.info(
        "Kafka broker listening on {} (log dir {}), ready in {} ms",
        bootstrapServers(),
        logDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());

    // One node: every replication factor and in-sync minimum is 1.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // Fewer internal partitions start faster and cost less on a 2-core machine; one node gains
    // nothing from 50.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");

    // A modest footprint: few threads, and a small log cleaner buffer instead of the default 128
    // MB.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("num.replica.fetchers", "1");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    // Consumers of a fresh group get their partitions at once rather than after 3 s.
    p.put("group.initial.rebalance.delay.ms", "0");
    // A single voter: after a restart it need not wait long to elect itself.
    p.put("controller.quorum.election.timeout.ms", "1000");
    p.put("controller.quorum.fetch.timeout.ms", "2000");
    return p;
  }

  private void format(Properties properties) {
    Path config;
    try {
      config = Files.createTempFile("embedded-kafka-", ".properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        properties.store(out, "embedded Kafka broker");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker configuration", e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      String clusterId = Uuid.randomUuid().toString();
      int status =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", config.toString()}, out);
      if (status != 0) {
        throw new IllegalStateException(
            "formatting "
                + logDir
                + " failed ("
                + status
                + "): "
                + output.toString(StandardCharsets.UTF_8));
      }
      log.info("Formatted {} for cluster {}", logDir, clusterId);
    } finally {
      try {
        Files.deleteIfExists(config);
      } catch (IOException e) {
        log.debug("could not delete {}", config, e);
      }
    }
  }

  // startup() returns once the broker is unfenced; a round trip through the client port confirms it
  // serves.
  private void awaitReady() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("broker not ready after " + READY_TIMEOUT, e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("broker not ready after " + READY_TIMEOUT);
        }
        sleep(200);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
