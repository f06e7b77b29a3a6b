package jp.coordination.query.dashboard;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live dashboard stream ({@code coordination.dashboard.stream.*}).
 *
 * @param coalesce the shortest gap between two messages of one ward: a burst of events within it
 *     becomes one message ({@code DASHBOARD_STREAM_COALESCE})
 * @param heartbeat a comment is sent on a connection idle for this long, so proxies keep it open
 *     ({@code DASHBOARD_STREAM_HEARTBEAT})
 * @param timeout a connection is closed after this long; the browser reconnects with {@code
 *     Last-Event-ID} and misses nothing ({@code DASHBOARD_STREAM_TIMEOUT})
 * @param senderThreads threads shared by all subscribers for fan-out and heartbeats
 * @param watch how often the dashboard of each ward with subscribers is read to catch writes made
 *     by another instance of the service, which this one is not told of ({@code
 *     DASHBOARD_STREAM_WATCH}; 0 turns it off, for a single instance)
 * @param maxPerUser how many streams one user may have open at once on this instance; one more is
 *     answered 429 ({@code DASHBOARD_STREAM_MAX_PER_USER}). A few browser tabs need a few; a client
 *     opening streams in a loop would otherwise hold a connection and a subscriber each.
 */
@Validated
@ConfigurationProperties("coordination.dashboard.stream")
public record DashboardStreamProperties(
    @NotNull @DefaultValue("50ms") Duration coalesce,
    @NotNull @DefaultValue("15s") Duration heartbeat,
    @NotNull @DefaultValue("30m") Duration timeout,
    @DefaultValue("2") int senderThreads,
    @NotNull @DefaultValue("50ms") Duration watch,
    @DefaultValue("8") @Min(1) int maxPerUser) {}
