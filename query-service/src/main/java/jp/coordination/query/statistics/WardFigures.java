package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The figures of DOMAIN.md's statistics table for one ward or the region total, in API.md's field
 * order. Rates and shares are fractions rounded half-up to 4 decimals, medians half-up to 2
 * decimals; null where the denominator (or the set of durations) is empty. Maps list every code of
 * their enumeration in declaration order, zeros included.
 */
@JsonPropertyOrder({
  "householdsRegistered", "householdsActiveAtYearEnd", "intakesRequested", "preRegisteredShare",
  "placementRate", "medianHoursToPlacement", "outOfHoursShare", "declinesByReason",
  "reuseWithin180Days", "outcomes", "returnHomeRate", "coSupportsOpened", "coSupportsClosed",
  "medianCoSupportDays", "activitiesByType"
})
public record WardFigures(
    long householdsRegistered,
    long householdsActiveAtYearEnd,
    long intakesRequested,
    BigDecimal preRegisteredShare,
    BigDecimal placementRate,
    BigDecimal medianHoursToPlacement,
    BigDecimal outOfHoursShare,
    Map<String, Long> declinesByReason,
    long reuseWithin180Days,
    Map<String, Long> outcomes,
    BigDecimal returnHomeRate,
    long coSupportsOpened,
    long coSupportsClosed,
    BigDecimal medianCoSupportDays,
    Map<String, Long> activitiesByType) {}
