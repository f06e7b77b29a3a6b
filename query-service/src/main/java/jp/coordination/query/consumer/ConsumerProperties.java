package jp.coordination.query.consumer;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event consumer ({@code coordination.kafka.*}).
 *
 * @param bootstrapServers Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topic the event topic ({@code KAFKA_TOPIC})
 * @param groupId the consumer group; instances of this service share partitions ({@code
 *     KAFKA_CONSUMER_GROUP})
 * @param consumerEnabled false runs the service without consuming (reads only)
 * @param pollTimeout longest wait of one poll
 * @param retryBackoff wait before reconnecting after a failure (broker or MongoDB down)
 * @param generationWatch how often each instance reads which generation of the read models to serve
 *     ({@link Generations}): the longest a switch-over waits for an instance to follow ({@code
 *     READ_MODEL_GENERATION_WATCH})
 * @param properties extra Kafka consumer properties, passed through unchanged
 * @param laggingAfter how many records this instance may have left to consume before the {@code
 *     consumer} health indicator says {@code DEGRADED} ({@code KAFKA_CONSUMER_LAGGING_AFTER}); it
 *     never makes the service unready (docs/ARCHITECTURE.md, "Health and readiness")
 */
@Validated
@ConfigurationProperties("coordination.kafka")
public record ConsumerProperties(
    @NotBlank String bootstrapServers,
    @NotBlank @DefaultValue("coordination.events") String topic,
    @NotBlank @DefaultValue("query-service") String groupId,
    @DefaultValue("true") boolean consumerEnabled,
    @NotNull @DefaultValue("500ms") Duration pollTimeout,
    @NotNull @DefaultValue("2s") Duration retryBackoff,
    @NotNull @DefaultValue("1s") Duration generationWatch,
    Map<String, String> properties,
    @DefaultValue("10000") @Min(0) long laggingAfter) {

  public ConsumerProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
