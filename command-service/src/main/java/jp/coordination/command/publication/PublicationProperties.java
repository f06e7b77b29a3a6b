package jp.coordination.command.publication;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the relay publishes ({@code coordination.publication.*}).
 *
 * @param enabled whether this instance runs the relay and creates the topic; streams are marked
 *     pending either way, so events stored while disabled are published once an instance runs the
 *     relay
 * @param pollInterval how often the relay looks for pending streams when no append wakes it
 * @param maxBackoff the longest pause between attempts while Kafka is unreachable
 * @param linger the producer's {@code linger.ms}
 * @param maxBlock the producer's {@code max.block.ms}: how long a send may wait for metadata
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms}
 * @param batchSize pending streams handled per pass
 * @param reconcileInterval how often every stream's stored version is compared with its published
 *     version to find and repair a missed publication; 0 turns it off
 * @param laggingAfter how old the oldest unpublished append may be before the {@code publication}
 *     health indicator says {@code DEGRADED} (it never makes the service unready:
 *     docs/ARCHITECTURE.md, "Health and readiness")
 */
@Validated
@ConfigurationProperties("coordination.publication")
public record PublicationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("5ms") Duration linger,
    @DefaultValue("5s") Duration maxBlock,
    @DefaultValue("15s") Duration deliveryTimeout,
    @DefaultValue("500") @Min(1) int batchSize,
    @DefaultValue("10m") Duration reconcileInterval,
    @DefaultValue("60s") Duration laggingAfter) {}
