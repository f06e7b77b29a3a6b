package jp.coordination.query.admission;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the read admission limit ({@code coordination.read-admission.*}).
 *
 * @param enabled whether reads are limited at all ({@code QUERY_READ_ADMISSION_ENABLED}); off only
 *     to measure the service without it
 * @param maxInProgress reads served at once ({@code QUERY_MAX_READS_IN_PROGRESS}). A read is a
 *     document fetch and a JSON rendering, a millisecond or two of a core plus a wait for MongoDB:
 *     eight per core keep both cores of the reference machine busy through those waits, while
 *     sixteen such reads in front of a new one add only a few milliseconds. It stays well below
 *     Tomcat's threads ({@code QUERY_MAX_THREADS}, 64), so that streams, health probes and refusals
 *     always find a thread.
 * @param maxWait how long a read may wait for a slot before it is refused ({@code
 *     QUERY_READ_ADMISSION_WAIT}): long enough to ride out a burst, far below any client's timeout
 * @param maxQueueWait how long a read may have waited for one of Tomcat's threads and still be
 *     served ({@code QUERY_READ_ADMISSION_QUEUE_WAIT}): a read that arrives at the limit later than
 *     this is refused at once, so that a queue in front of a saturated service drains by refusals;
 *     at 100 ms a client still gets its answer or its 503 well within a tenth of a second of its
 *     turn, and a collector pause of a few tens of milliseconds refuses nobody
 * @param retryAfter what a refusal's {@code Retry-After} says ({@code QUERY_READ_RETRY_AFTER});
 *     whole seconds, since the header cannot say less
 */
@Validated
@ConfigurationProperties("coordination.read-admission")
public record ReadAdmissionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("16") @Min(1) int maxInProgress,
    @NotNull @DefaultValue("5ms") Duration maxWait,
    @NotNull @DefaultValue("100ms") Duration maxQueueWait,
    @NotNull @DefaultValue("1s") Duration retryAfter) {}
