package jp.coordination.command.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail ({@code coordination.audit.*}).
 *
 * @param checkpointInterval how often a checkpoint is taken ({@code AUDIT_CHECKPOINT_INTERVAL}); 0
 *     disables the schedule (checkpoints are then taken on demand only)
 * @param checkpointKey HMAC key for checkpoints ({@code AUDIT_CHECKPOINT_KEY}); empty: unsigned
 * @param maxPageSize the largest {@code size} of a listing
 * @param maxPurposeLength the longest stated purpose of an unmasked view
 */
@Validated
@ConfigurationProperties("coordination.audit")
public record AuditProperties(
    @DefaultValue("24h") Duration checkpointInterval,
    @DefaultValue("") String checkpointKey,
    @DefaultValue("200") @Min(1) @Max(1000) int maxPageSize,
    @DefaultValue("500") @Min(10) @Max(2000) int maxPurposeLength) {}
