package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  @TempDir Path dir;

  @Test
  void broker_keeps_records_across_a_restart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      assertThat(broker.isRunning()).isTrue();
      String bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");

      createTopic(bootstrap, "events");
      produce(bootstrap, "events", "household-1", "registered");
      assertThat(readAll(bootstrap, "events", 1)).containsExactly("household-1=registered");

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();

      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      produce(bootstrap, "events", "household-1", "moved");
      assertThat(readAll(bootstrap, "events", 2))
          .containsExactly("household-1=registered", "household-1=moved");
    }
  }

  @Test
  void broker_reopens_a_log_directory_left_by_an_earlier_broker() throws Exception {
    Path logDir = dir.resolve("kafka");
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(logDir, 0)) {
      createTopic(first.bootstrapServers(), "events");
      produce(first.bootstrapServers(), "events", "k", "v");
    }
    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(logDir, 0)) {
      assertThat(readAll(second.bootstrapServers(), "events", 1)).containsExactly("k=v");
    }
  }

  @Test
  void broker_does_not_create_topics_on_first_use() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        Admin admin = admin(broker.bootstrapServers())) {
      try (KafkaProducer<String, String> producer =
          producer(broker.bootstrapServers(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>("missing", "k", "v"))
                        .get(5, TimeUnit.SECONDS))
            .isNotNull();
      }
      assertThatThrownBy(() -> admin.describeTopics(Set.of("missing")).allTopicNames().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(
      String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  // Reads the partition from the start with manual assignment, so no consumer group state is
  // involved.
  private static List<String> readAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          read.add(record.key() + "=" + record.value());
        }
      }
    }
    return read;
  }
}
