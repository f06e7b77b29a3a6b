package jp.coordination.query.evaluation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from the beginning to the end offsets it had when the read started, with its own
 * consumer: no group (partitions are assigned, nothing is committed), so the live consumer's
 * positions and views are never touched. Fetch sizes are raised so that reading is batch-bound, not
 * round-trip-bound.
 */
public final class KafkaEventSource implements EventSource {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventSource.class);

  private final String bootstrapServers;
  private final String topic;
  private final EventCodec codec;
  private final Map<String, Object> overrides;

  public KafkaEventSource(
      String bootstrapServers, String topic, EventCodec codec, Map<String, Object> overrides) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.codec = codec;
    this.overrides = Map.copyOf(overrides);
  }

  /** Consumer settings for reading a whole topic fast; callers may override any of them. */
  public static Map<String, Object> replayConsumerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
    config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1 << 20);
    config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    return config;
  }

  @Override
  public long readAll(Consumer<EventEnvelope> sink, Consumer<NotFolded> unreadable) {
    Map<String, Object> config = replayConsumerConfig(bootstrapServers);
    config.putAll(overrides);
    long undecodable = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // The log as it stands now: later records belong to a later run.
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      end.entrySet().removeIf(p -> p.getValue() <= begin.get(p.getKey()));
      consumer.pause(partitions.stream().filter(p -> !end.containsKey(p)).toList());
      while (!end.isEmpty()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
          Long stop = end.get(partition);
          if (stop == null) {
            continue;
          }
          for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            if (record.offset() >= stop) {
              break;
            }
            if (record.value() == null) {
              continue;
            }
            EventEnvelope envelope;
            try {
              envelope = codec.decode(record.value());
            } catch (RuntimeException e) {
              // Same rule as the live consumer, which parks it with its aggregate: reported by
              // position and key (the aggregate id), never its content.
              undecodable++;
              log.warn(
                  "Unreadable record {}@{}: {}",
                  partition,
                  record.offset(),
                  e.getClass().getName());
              unreadable.accept(
                  new NotFolded(
                      partition + "@" + record.offset(),
                      null,
                      record.key() == null
                          ? null
                          : new String(record.key(), StandardCharsets.UTF_8),
                      null,
                      null,
                      NotFolded.UNDECODABLE,
                      e.getClass().getName()));
              continue;
            }
            sink.accept(envelope);
          }
        }
        for (TopicPartition partition : List.copyOf(end.keySet())) {
          if (consumer.position(partition) >= end.get(partition)) {
            end.remove(partition);
            consumer.pause(List.of(partition));
          }
        }
      }
    }
    return undecodable;
  }

  @Override
  public long count() {
    Map<String, Object> config = replayConsumerConfig(bootstrapServers);
    config.putAll(overrides);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      long count = 0;
      for (TopicPartition partition : partitions) {
        count += end.get(partition) - begin.get(partition);
      }
      return count;
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Topic " + topic + " does not exist or has no partitions");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    return partitions;
  }

  @Override
  public String describe() {
    return "kafka topic " + topic;
  }
}
