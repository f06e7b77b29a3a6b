package jp.coordination.query.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * <p>Any failure (broker gone, MongoDB gone, a rebalance error) closes the consumer and starts
 * over after a pause from the stored positions; applying is idempotent per delivery, so records
 * applied after the last stored position are simply recognised again. The service meanwhile keeps
 * serving reads.
 *
 * <p>Each poll's records are applied together ({@link EventApplier#applyAll}), so the more records
 * are waiting, the fewer writes each costs. A record that cannot be read or applied is parked
 * ({@link Parking}) with the later records of its aggregate, and the partition moves on.
 */
public final class EventConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final ConsumerProperties properties;
  private final EventCodec codec;
  private final Parking parking;
  private final PositionStore positions;
  private final ConsumerMetrics metrics;

  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public EventConsumer(
      ConsumerProperties properties,
      EventCodec codec,
      Parking parking,
      PositionStore positions,
      ConsumerMetrics metrics) {
    this.properties = properties;
    this.codec = codec;
    this.parking = parking;
    this.positions = positions;
    this.metrics = metrics;
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

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config())) {
        consumer = kafka;
        kafka.subscribe(List.of(properties.topic()), new PositionsOnAssignment(kafka));
        while (running) {
          pollOnce(kafka);
        }
      } catch (WakeupException e) {
        // stop() woke the poll up: leave the loop.
      } catch (RuntimeException e) {
        if (running) {
          log.warn(
              "Event consumer failed; retrying from the stored positions in {}",
              properties.retryBackoff(), e);
          pause(properties.retryBackoff());
        }
      } finally {
        consumer = null;
      }
    }
  }

  private void pollOnce(KafkaConsumer<String, byte[]> kafka) {
    ConsumerRecords<String, byte[]> records = kafka.poll(properties.pollTimeout());
    if (!records.isEmpty()) {
      List<Parking.Incoming> batch = new ArrayList<>(records.count());
      for (ConsumerRecord<String, byte[]> record : records) {
        if (record.value() != null) { // a tombstone is no event
          batch.add(decode(record));
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
    parking.tick();
    for (TopicPartition partition : kafka.assignment()) {
      OptionalLong lag = kafka.currentLag(partition);
      if (lag.isPresent()) {
        metrics.consumerLag(partition.topic(), partition.partition(), lag.getAsLong());
      }
    }
  }

  /** The record's event, or the record marked as one this build cannot read. */
  private Parking.Incoming decode(ConsumerRecord<String, byte[]> record) {
    Delivery delivery = new Delivery(record.partition(), record.offset());
    try {
      return Parking.Incoming.decoded(codec.decode(record.value()), delivery, record.value());
    } catch (RuntimeException e) {
      // A record this build cannot read (newer type, garbage) would block its partition forever,
      // and skipping it would silently lose an event: it is parked with its aggregate instead.
      // Logged by position and exception class only: a parser's message may quote the payload.
      log.error(
          "Unreadable record {}-{}@{}: {}",
          record.topic(), record.partition(), record.offset(), e.getClass().getName());
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

    PositionsOnAssignment(KafkaConsumer<String, byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Another instance may have parked records of these partitions' aggregates.
      parking.reload();
      for (TopicPartition partition : partitions) {
        OptionalLong next = positions.next(partition.topic(), partition.partition());
        if (next.isPresent()) {
          kafka.seek(partition, next.getAsLong());
        } else {
          kafka.seekToBeginning(List.of(partition));
        }
        log.info("Assigned {} from {}", partition, next.isPresent() ? next.getAsLong() : "the beginning");
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
