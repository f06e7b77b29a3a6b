package jp.coordination.command.publication;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where events are published ({@code coordination.kafka.*}).
 *
 * @param bootstrapServers the brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topic the one event topic ({@code KAFKA_TOPIC})
 * @param partitions partitions when the topic is created ({@code KAFKA_TOPIC_PARTITIONS})
 * @param replicationFactor replicas when the topic is created ({@code KAFKA_REPLICATION_FACTOR});
 *     the production profile sets 3 and refuses fewer
 * @param minInsyncReplicas the topic's {@code min.insync.replicas} ({@code
 *     KAFKA_MIN_INSYNC_REPLICAS}): replicas that must have a record before it is acknowledged; the
 *     production profile sets 2 and refuses fewer
 */
@Validated
@ConfigurationProperties("coordination.kafka")
public record PublicationKafkaProperties(
    @NotBlank String bootstrapServers,
    @NotBlank String topic,
    @Min(1) int partitions,
    @Min(1) short replicationFactor,
    @DefaultValue("1") @Min(1) int minInsyncReplicas) {

  /**
   * What the production profile requires of the topic: a lost broker loses no acknowledged event.
   */
  public static final int PRODUCTION_MIN_REPLICATION_FACTOR = 3;

  public static final int PRODUCTION_MIN_INSYNC_REPLICAS = 2;

  /**
   * @throws IllegalStateException when the production profile would create a topic that one lost
   *     broker can leave without an acknowledged event
   */
  public void requireProductionDurability() {
    if (replicationFactor < PRODUCTION_MIN_REPLICATION_FACTOR
        || minInsyncReplicas < PRODUCTION_MIN_INSYNC_REPLICAS) {
      throw new IllegalStateException(
          "Refusing to start: the production profile needs KAFKA_REPLICATION_FACTOR >= "
              + PRODUCTION_MIN_REPLICATION_FACTOR
              + " and KAFKA_MIN_INSYNC_REPLICAS >= "
              + PRODUCTION_MIN_INSYNC_REPLICAS
              + " (now "
              + replicationFactor
              + " and "
              + minInsyncReplicas
              + ").");
    }
    if (minInsyncReplicas >= replicationFactor) {
      throw new IllegalStateException(
          "Refusing to start: KAFKA_MIN_INSYNC_REPLICAS must be below KAFKA_REPLICATION_FACTOR, or one lost broker"
              + " stops every write.");
    }
  }
}
