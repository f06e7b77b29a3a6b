package jp.coordination.command.eventstore;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code coordination.event-store.*}.
 *
 * @param cachedStreams how many recently used streams the cache keeps decoded in memory
 *     (docs/adr/0005); a stream of the demo year is a few kilobytes, so the default costs some
 *     hundred megabytes at most
 */
@Validated
@ConfigurationProperties("coordination.event-store")
public record StreamCacheProperties(@DefaultValue("50000") @Positive long cachedStreams) {}
