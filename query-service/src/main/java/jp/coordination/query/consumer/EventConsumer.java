package jp.coordination.query.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import jp.coordination.events.envelope.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One poll loop on a background thread. Positions live in MongoDB, not in Kafka: they are read on
 * assignment (seek, or the beginning when none is stored) and stored after each applied batch.
 *
 * <p>Any failure (broker gone, MongoDB gone, a rebalance error) closes the consumer and starts over
 * after a pause from the stored positions; applying is idempotent per delivery, so records applied
 * after the last stored position are simply recognised again. The service meanwhile keeps serving
 * reads.
 *
 * <p>Each poll's records are applied together ({@link EventApplier#applyAll}), so the more records
 * are waiting, the fewer writes each costs. A record that cannot be read or applied is parked
 * ({@link Parking}) with the later records of its aggregate, and the partition moves on.
 *
 * <p>A session (from joining the group to closing the consumer) writes one generation of the read
 * models ({@link Generations}), the active one when it started, and its thread is bound to it. When
 * the pointer says {@link Generations.State#PAUSED} or names another generation, the session ends
 * after its current batch and the consumer leaves the group; while paused, none starts. The next
 * session reads the positions stored with the new generation's read models, so it goes on exactly
 * where they stand, whoever wrote them.
 */
public final class EventConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final ConsumerProperties properties;
  private final EventCodec codec;
  private final Parking parking;
  private final PositionStore positions;
  private final ConsumerMetrics metrics;
  private final Generations generations;

  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public EventConsumer(
      ConsumerProperties properties,
      EventCodec codec,
      Parking parking,
      PositionStore positions,
      ConsumerMetrics metrics,
      Generations generations) {
    this.properties = properties;
    this.codec = codec;
    this.parking = parking;
    this.positions = positions;
    this.metrics = metrics;
    this.generations = generations;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "event-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  // The generation binding is a scope for this thread, held and never referenced, which javac's
  // "try" lint flags.
  @SuppressWarnings("try")
  private void run() {
    while (running) {
      long generation = awaitServing();
      if (!running) {
        return;
      }
      try (Generations.Binding bound = generations.bind(generation);
          KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config())) {
        consumer = kafka;
        kafka.subscribe(List.of(properties.topic()), new PositionsOnAssignment(kafka, generation));
        log.info("Consuming into generation {} of the read models", generation);
        while (running && generations.serving(generation)) {
          pollOnce(kafka, generation);
        }
        // Paused for a rebuild's switch-over, or switched: closing leaves the group at once.
      } catch (WakeupException e) {
        // stop() woke the poll up: leave the loop.
      } catch (RuntimeException e) {
        if (running) {
          log.warn(
              "Event consumer failed; retrying from the stored positions in {}",
              properties.retryBackoff(),
              e);
          pause(properties.retryBackoff());
        }
      } finally {
        consumer = null;
      }
    }
  }

  /** The generation to write once live consumers may run; waits while a switch-over pauses them. */
  private long awaitServing() {
    while (running) {
      try {
        Generations.Pointer pointer = generations.known().orElseGet(generations::refresh);
        if (pointer.state() == Generations.State.SERVING) {
          return pointer.generation();
        }
      } catch (RuntimeException e) {
        log.debug("Cannot read the read models' generation: {}", e.toString());
      }
      pause(properties.generationWatch());
    }
    return -1;
  }

  private void pollOnce(KafkaConsumer<String, byte[]> kafka, long generation) {
    ConsumerRecords<String, byte[]> records = kafka.poll(properties.pollTimeout());
    if (!generations.serving(generation)) {
      // Paused or switched meanwhile (perhaps seen when this poll's partitions were assigned):
      // the records stay unapplied, and the next session reads them from the stored positions.
      return;
    }
    applyPoll(records, codec, parking, positions, metrics);
    parking.tick();
    Set<Integer> assigned = new HashSet<>();
    for (TopicPartition partition : kafka.assignment()) {
      assigned.add(partition.partition());
      OptionalLong lag = kafka.currentLag(partition);
      if (lag.isPresent()) {
        metrics.consumerLag(partition.topic(), partition.partition(), lag.getAsLong());
      }
    }
    metrics.onlyAssigned(assigned);
  }

  /**
   * Applies one poll's records as one batch through {@code parking}, then stores each partition's
   * next offset: the live consumer's way, which a rebuild follows into its own generation.
   */
  public static void applyPoll(
      ConsumerRecords<String, byte[]> records,
      EventCodec codec,
      Parking parking,
      PositionStore positions,
      ConsumerMetrics metrics) {
    if (records.isEmpty()) {
      return;
    }
    List<Parking.Incoming> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() != null) { // a tombstone is no event
        batch.add(decode(record, codec, metrics));
      }
    }
    // The whole poll at once: one ledger insert, one write per touched document; what cannot
    // be applied is parked, so the positions below move past it.
    parking.process(batch);
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> applied = records.records(partition);
      positions.store(
          partition.topic(), partition.partition(), applied.get(applied.size() - 1).offset() + 1);
    }
  }

  /** The record's event, or the record marked as one this build cannot read. */
  private static Parking.Incoming decode(
      ConsumerRecord<String, byte[]> record, EventCodec codec, ConsumerMetrics metrics) {
    Delivery delivery = new Delivery(record.partition(), record.offset());
    try {
      return Parking.Incoming.decoded(codec.decode(record.value()), delivery, record.value());
    } catch (RuntimeException e) {
      // A record this build cannot read (newer type, garbage) would block its partition forever,
      // and skipping it would silently lose an event: it is parked with its aggregate instead.
      // Logged by position and exception class only: a parser's message may quote the payload.
      log.error(
          "Unreadable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getClass().getName());
      metrics.undecodable();
      return Parking.Incoming.undecodable(record.key(), delivery, record.value(), e);
    }
  }

  private Map<String, Object> config() {
    Map<String, Object> config = new HashMap<>(properties.properties());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    // Positions are ours (in MongoDB, next to the read models); Kafka's would run ahead of them.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private void pause(Duration backoff) {
    long until = System.nanoTime() + backoff.toNanos();
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Seeks each newly assigned partition to its stored position, or to its beginning. */
  private final class PositionsOnAssignment implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, byte[]> kafka;
    private final long generation;

    PositionsOnAssignment(KafkaConsumer<String, byte[]> kafka, long generation) {
      this.kafka = kafka;
      this.generation = generation;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Read afresh, not as last watched: a rebuild that saw the group empty and paused the
      // consumers must not have this session write the old generation after all.
      generations.refresh();
      if (!generations.serving(generation)) {
        return;
      }
      // Another instance may have parked records of these partitions' aggregates.
      parking.reload();
      for (TopicPartition partition : partitions) {
        OptionalLong next = positions.next(partition.topic(), partition.partition());
        if (next.isPresent()) {
          kafka.seek(partition, next.getAsLong());
        } else {
          kafka.seekToBeginning(List.of(partition));
        }
        log.info(
            "Assigned {} from {}",
            partition,
            next.isPresent() ? next.getAsLong() : "the beginning");
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to save: the position of every applied batch is already stored, and a batch is
      // always finished before the next poll (the only place a rebalance can run).
      log.info("Revoked {}", partitions);
    }
  }
}
