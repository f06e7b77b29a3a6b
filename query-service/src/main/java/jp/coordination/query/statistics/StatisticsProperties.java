package jp.coordination.query.statistics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the statistics ({@code coordination.statistics.*}).
 *
 * @param suppressionThreshold the largest count suppressed for councils, with what reveals it
 *     ({@code STATISTICS_SUPPRESSION_THRESHOLD}); at least 1, since 0 would switch disclosure
 *     control off by a typo
 */
@Validated
@ConfigurationProperties("coordination.statistics")
public record StatisticsProperties(
    @Min(1) @DefaultValue("" + SmallNumberSuppression.DEFAULT_THRESHOLD)
        int suppressionThreshold) {}
