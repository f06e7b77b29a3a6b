package jp.coordination.query.statistics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the statistics ({@code coordination.statistics.*}).
 *
 * @param suppressionThreshold the largest count suppressed for councils, with what reveals it
 *     ({@code STATISTICS_SUPPRESSION_THRESHOLD}); at least 1, since 0 would switch disclosure
 *     control off by a typo
 * @param cacheMaxAge how long one computation of a year's live statistics may be served while no
 *     record was applied ({@code STATISTICS_CACHE_MAX_AGE}; {@code CurrentStatistics}); zero
 *     computes every request anew
 */
@Validated
@ConfigurationProperties("coordination.statistics")
public record StatisticsProperties(
    @Min(1) @DefaultValue("" + SmallNumberSuppression.DEFAULT_THRESHOLD) int suppressionThreshold,
    @NotNull @DefaultValue("60s") Duration cacheMaxAge) {}
