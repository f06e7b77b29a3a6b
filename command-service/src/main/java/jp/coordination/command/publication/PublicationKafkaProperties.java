package jp.coordination.command.publication;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where events are published ({@code coordination.kafka.*}).
 *
 * @param bootstrapServers the brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topic the one event topic ({@code KAFKA_TOPIC})
 * @param partitions partitions when the topic is created ({@code KAFKA_TOPIC_PARTITIONS})
 * @param replicationFactor replicas when the topic is created ({@code KAFKA_REPLICATION_FACTOR})
 */
@Validated
@ConfigurationProperties("coordination.kafka")
public record PublicationKafkaProperties(
    @NotBlank String bootstrapServers,
    @NotBlank String topic,
    @Min(1) int partitions,
    @Min(1) short replicationFactor) {}
