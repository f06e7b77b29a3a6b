package jp.coordination.query.rebuild;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of projection rebuilds ({@code coordination.rebuild.*}).
 *
 * @param catchUp how few records may still lie ahead of the rebuild, over all partitions, when it
 *     pauses the live consumers for the switch-over ({@code REBUILD_CATCH_UP}); the pause lasts
 *     about as long as applying these takes
 * @param pauseTimeout how long the rebuild waits for every live consumer to stand still before it
 *     gives up and lets them run on the old generation ({@code REBUILD_PAUSE_TIMEOUT}); more than
 *     the consumers' session timeout, after which the broker drops a member that died
 * @param dropAfter how long after the switch the old generation's collections are dropped ({@code
 *     REBUILD_DROP_AFTER}); several generation-watch intervals, so that every instance reads the
 *     new one by then
 * @param heartbeat how often the instance running a rebuild raises its job's beat
 * @param heartbeatTimeout how long another instance may see the same beat before it reports the job
 *     failed and frees the live consumers ({@code REBUILD_HEARTBEAT_TIMEOUT})
 * @param progressInterval how often the running job's progress is written
 */
@Validated
@ConfigurationProperties("coordination.rebuild")
public record RebuildProperties(
    @Min(0) @DefaultValue("5000") long catchUp,
    @NotNull @DefaultValue("60s") Duration pauseTimeout,
    @NotNull @DefaultValue("10s") Duration dropAfter,
    @NotNull @DefaultValue("5s") Duration heartbeat,
    @NotNull @DefaultValue("30s") Duration heartbeatTimeout,
    @NotNull @DefaultValue("1s") Duration progressInterval) {}
