package jp.coordination.query.consumer;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of parking ({@code coordination.parking.*}).
 *
 * @param maxAttempts attempts at applying an event whose projection throws before it is parked
 *     ({@code PARKING_MAX_ATTEMPTS})
 * @param attemptBackoff wait after a failed attempt, times the attempt number ({@code
 *     PARKING_ATTEMPT_BACKOFF})
 * @param gapWait how long an event that arrived before an earlier one of its aggregate is held
 *     before it is parked as {@code GAP} ({@code PARKING_GAP_WAIT})
 */
@Validated
@ConfigurationProperties("coordination.parking")
public record ParkingProperties(
    @Min(1) @DefaultValue("3") int maxAttempts,
    @NotNull @DefaultValue("100ms") Duration attemptBackoff,
    @NotNull @DefaultValue("30s") Duration gapWait) {}
