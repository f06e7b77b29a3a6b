package jp.coordination.command.publication;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the event topic explicitly (never through broker auto-creation) with unlimited retention,
 * on a background thread that keeps retrying while Kafka is unreachable: the service starts and
 * accepts commands without Kafka, and the relay holds publication back until the topic is ready.
 */
public class TopicInitializer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

  /** Topic settings that make the topic the permanent log of all events. */
  static final Map<String, String> UNLIMITED_RETENTION =
      Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");

  private final Map<String, Object> adminConfig;
  private final String topic;
  private final int partitions;
  private final short replicationFactor;
  private final int minInsyncReplicas;
  private final Duration maxBackoff;

  private volatile boolean ready;
  private volatile boolean running;
  private Thread thread;

  public TopicInitializer(
      Map<String, Object> adminConfig,
      String topic,
      int partitions,
      short replicationFactor,
      Duration maxBackoff) {
    this(adminConfig, topic, partitions, replicationFactor, 1, maxBackoff);
  }

  /**
   * @param minInsyncReplicas the topic's {@code min.insync.replicas}: with the producer's {@code
   *     acks=all}, a write is acknowledged only once that many replicas have it
   */
  public TopicInitializer(
      Map<String, Object> adminConfig,
      String topic,
      int partitions,
      short replicationFactor,
      int minInsyncReplicas,
      Duration maxBackoff) {
    this.adminConfig = adminConfig;
    this.topic = topic;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.minInsyncReplicas = minInsyncReplicas;
    this.maxBackoff = maxBackoff;
  }

  /**
   * The topic as it is created: partitions, replicas, unlimited retention and min.insync.replicas.
   */
  NewTopic spec() {
    return new NewTopic(topic, partitions, replicationFactor).configs(topicConfigs());
  }

  /** The settings the topic is created with, and set again on a topic that exists already. */
  Map<String, String> topicConfigs() {
    Map<String, String> configs = new java.util.TreeMap<>(UNLIMITED_RETENTION);
    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
    return configs;
  }

  /** Whether the topic exists with unlimited retention. */
  public boolean isReady() {
    return ready;
  }

  public synchronized void start() {
    if (running || ready) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "kafka-topic-initializer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long backoff = 500;
    int attempts = 0;
    try (Admin admin = Admin.create(adminConfig)) {
      while (running && !ready) {
        attempts++;
        try {
          ensureTopic(admin);
          ready = true;
          log.info("Kafka topic {} is ready (unlimited retention)", topic);
        } catch (ExecutionException | RuntimeException e) {
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          if (attempts == 1 || attempts % 10 == 0) {
            log.warn(
                "Cannot create Kafka topic {} yet (attempt {}), retrying: {}",
                topic,
                attempts,
                cause.toString());
          }
          Thread.sleep(backoff);
          backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Kafka topic initialisation stopped", e);
    }
  }

  private void ensureTopic(Admin admin) throws ExecutionException, InterruptedException {
    try {
      admin.createTopics(List.of(spec())).all().get(30, TimeUnit.SECONDS);
      return;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 30 s", e);
    }
    // The topic was there already (an earlier start, or created by hand): make sure it keeps
    // everything, since the query side rebuilds its views from the whole topic, and that it
    // acknowledges only writes enough replicas have.
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    List<AlterConfigOp> operations =
        topicConfigs().entrySet().stream()
            .map(
                entry ->
                    new AlterConfigOp(
                        new ConfigEntry(entry.getKey(), entry.getValue()),
                        AlterConfigOp.OpType.SET))
            .toList();
    try {
      admin.incrementalAlterConfigs(Map.of(resource, operations)).all().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 30 s", e);
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
