package jp.coordination.query.rebuild;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.ConsumerProperties;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.EventConsumer;
import jp.coordination.query.consumer.EventHandler;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.consumer.Parking;
import jp.coordination.query.consumer.ParkingProperties;
import jp.coordination.query.consumer.ParkingStore;
import jp.coordination.query.consumer.PositionStore;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.evaluation.KafkaEventSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild, on the calling thread: every record of the topic from the beginning, applied by the
 * live path's own code (the {@link EventHandler} with every projection, through an {@link
 * EventApplier} and {@link Parking}, a poll at a time as {@link EventConsumer#applyPoll} does) into
 * the next generation's collections, with that generation's own ledger, parking and positions; then
 * the switch-over.
 *
 * <p>Switch-over: once little is left to read, the pointer asks every live consumer to stand still
 * ({@link Generations#pause}); each ends its session after its current batch and leaves the
 * consumer group. When the group has no member left, nobody writes the old generation any more; the
 * rebuild reads to the end offsets of that moment, stores its positions, and points readers and
 * consumers at the new generation. The consumers start again from the positions stored with it, so
 * every record after them is applied there by the live path, exactly once as always. Readers see
 * the old generation until the switch and then a new one that holds at least everything it held.
 */
final class Rebuild {

  private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
  static final int POLL_RECORDS = 20_000;

  /** What the job is told as the rebuild goes. */
  interface Progress {
    void read(long eventsRead, long eventsTotal);

    void switching();
  }

  private final Generations generations;
  private final EventHandler handler;
  private final ProjectionStore store;
  private final ParkingStore parkingStore;
  private final PositionStore positions;
  private final EventCodec codec;
  private final ParkingProperties parking;
  private final ConsumerProperties kafka;
  private final RebuildProperties properties;
  private final Clock clock;

  Rebuild(
      Generations generations,
      EventHandler handler,
      ProjectionStore store,
      ParkingStore parkingStore,
      PositionStore positions,
      EventCodec codec,
      ParkingProperties parking,
      ConsumerProperties kafka,
      RebuildProperties properties,
      Clock clock) {
    this.generations = generations;
    this.handler = handler;
    this.store = store;
    this.parkingStore = parkingStore;
    this.positions = positions;
    this.codec = codec;
    this.parking = parking;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Builds generation {@code from + 1} and switches to it; the caller holds the pointer under
   * {@code id}. On a failure before the switch, the consumers run on as before and what was built
   * is dropped.
   */
  // The generation binding is a scope for this thread, held and never referenced, which javac's
  // "try" lint flags.
  @SuppressWarnings("try")
  void run(String id, long from, Progress progress) {
    long to = from + 1;
    if (generations.refresh().generation() != from) {
      throw new IllegalStateException("generation " + from + " is no longer the one served");
    }
    // What an earlier attempt that died may have left.
    generations.drop(to, to);
    boolean switched = false;
    try (Generations.Binding bound = generations.bind(to);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig());
        Admin admin = Admin.create(adminConfig())) {
      // Meters that count nothing (a composite of no registry): the rebuild's applied events are
      // not the live consumer's, and its progress has meters of its own (RebuildMetrics).
      ConsumerMetrics metrics = new ConsumerMetrics(new CompositeMeterRegistry(), clock);
      Parking parked =
          new Parking(
              kafka.topic(),
              new EventApplier(store, handler, metrics),
              parkingStore,
              codec,
              parking,
              metrics,
              clock);
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Count count = new Count(consumer.beginningOffsets(partitions), progress);
      Map<TopicPartition, Long> end = count.endOffsets(consumer, partitions);
      log.info("Rebuilding generation {} of the read models from {} records", to, count.total);

      // The topic as it grows, until little is left: then the pause is short.
      while (true) {
        if (behind(consumer, end) == 0) {
          end = count.endOffsets(consumer, partitions);
          if (behind(consumer, end) <= properties.catchUp()) {
            break;
          }
        }
        apply(consumer, parked, metrics, count);
      }

      progress.switching();
      if (!generations.pause(id)) {
        throw new IllegalStateException("the rebuild no longer holds the generation pointer");
      }
      log.info("Rebuild {}: live consumers asked to stand still", id);
      long deadline = System.nanoTime() + properties.pauseTimeout().toNanos();
      while (!groupEmpty(admin)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the live consumers did not stand still within " + properties.pauseTimeout());
        }
        apply(consumer, parked, metrics, count); // keep up meanwhile; the poll bounds the wait
      }
      end = count.endOffsets(consumer, partitions);
      // The same deadline: the live consumers stand still all this while (a partition without a
      // leader would keep it from ever reaching the end).
      while (behind(consumer, end) > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the last records were not read within " + properties.pauseTimeout());
        }
        apply(consumer, parked, metrics, count);
      }
      // Everything before each position is applied (a poll's positions are stored as it is
      // applied; this also covers partitions with nothing in them).
      for (TopicPartition partition : partitions) {
        positions.store(partition.topic(), partition.partition(), consumer.position(partition));
      }
      if (!generations.switchTo(id, from, to)) {
        throw new IllegalStateException("the rebuild no longer holds the generation pointer");
      }
      switched = true;
      log.info("Rebuild {}: generation {} serves, {} records read", id, to, count.read);
    } catch (RuntimeException | Error e) {
      if (!switched) {
        undo(id, to);
      }
      throw e;
    }
    // Every instance reads the pointer within its watch interval; until then it may still read
    // the old collections.
    sleep(properties.dropAfter());
    try {
      generations.drop(from, to);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "generation " + to + " serves, but dropping generation " + from + " failed: " + e, e);
    }
    log.info("Rebuild {}: generation {} dropped", id, from);
  }

  /**
   * Drops what was built, then gives the pointer up. In this order: while the pointer is still
   * ours, no other rebuild can claim it and start building the same generation, whose documents a
   * late drop would then delete. Never drops a generation that serves: a switch whose
   * acknowledgement was lost did happen.
   */
  private void undo(String id, long to) {
    try {
      if (generations.refresh().generation() == to) {
        log.warn("Rebuild {}: generation {} serves although the switch reported a failure", id, to);
      } else {
        generations.drop(to, to);
      }
    } catch (RuntimeException e) {
      log.warn("Rebuild {}: could not drop generation {}; the next rebuild will", id, to, e);
    }
    try {
      generations.release(id);
    } catch (RuntimeException e) {
      log.warn("Rebuild {}: could not free the live consumers; another instance will", id, e);
    }
  }

  private void apply(
      KafkaConsumer<String, byte[]> consumer,
      Parking parked,
      ConsumerMetrics metrics,
      Count count) {
    ConsumerRecords<String, byte[]> records = consumer.poll(kafka.pollTimeout());
    EventConsumer.applyPoll(records, codec, parked, positions, metrics);
    parked.tick();
    count.read(records.count());
  }

  private static long behind(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      behind += Math.max(0, e.getValue() - consumer.position(e.getKey()));
    }
    return behind;
  }

  /** Whether the live consumer group has no member: no instance writes the old generation. */
  private boolean groupEmpty(Admin admin) {
    try {
      return admin
          .describeConsumerGroups(List.of(kafka.groupId()))
          .describedGroups()
          .get(kafka.groupId())
          .get(10, TimeUnit.SECONDS)
          .members()
          .isEmpty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return true;
      }
      throw new IllegalStateException(
          "cannot ask the broker about the live consumers", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot ask the broker about the live consumers", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(kafka.topic(), Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + kafka.topic() + " does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(kafka.topic(), info.partition()));
    }
    return partitions;
  }

  /** The evaluation's settings for reading a whole topic fast, and the live consumer's extras. */
  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = KafkaEventSource.replayConsumerConfig(kafka.bootstrapServers());
    // Larger polls than the replay's: a poll is one batch, in which each touched document is
    // written once (a ward dashboard, a statistics index bucket, an aggregate whose events all
    // fall in it), so the bigger the batch, the fewer writes per event.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL_RECORDS);
    config.putAll(kafka.properties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
    return config;
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    kafka
        .properties()
        .forEach(
            (k, v) -> {
              if (AdminClientConfig.configNames().contains(k)
                  && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
                config.put(k, v); // security settings, timeouts
              }
            });
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return config;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records read of the total, as far as it is known. */
  private static final class Count {
    private final Map<TopicPartition, Long> begin;
    private final Progress progress;
    long read;
    long total;

    Count(Map<TopicPartition, Long> begin, Progress progress) {
      this.begin = begin;
      this.progress = progress;
    }

    Map<TopicPartition, Long> endOffsets(
        KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long sum = 0;
      for (TopicPartition p : partitions) {
        sum += end.get(p) - begin.getOrDefault(p, 0L);
      }
      total = Math.max(total, sum);
      progress.read(read, total);
      return end;
    }

    void read(int records) {
      read += records;
      progress.read(read, Math.max(total, read));
    }
  }
}
