package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
  "medianCoSupportDays", "activitiesByType", "consultations", "experienceStays",
  "capacityBuilding", "communityIssues"
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
    Map<String, Long> activitiesByType,
    Consultations consultations,
    ExperienceStays experienceStays,
    CapacityBuilding capacityBuilding,
    CommunityIssues communityIssues) {

  /** ①: contacts with registered households. */
  @JsonPropertyOrder({"contactsByKind", "outOfHoursContacts", "householdsWithoutContact180Days"})
  public record Consultations(
      Map<String, Long> contactsByKind,
      long outOfHoursContacts,
      long householdsWithoutContact180Days) {}

  /** ③: experience stays. */
  @JsonPropertyOrder({
    "arranged", "completed", "completedByKind", "outcomes", "transitionRate", "nightsStayed"
  })
  public record ExperienceStays(
      long arranged,
      long completed,
      Map<String, Long> completedByKind,
      Map<String, Long> outcomes,
      BigDecimal transitionRate,
      long nightsStayed) {}

  /** ④⑤: capacity-building activities. */
  @JsonPropertyOrder({"activitiesByKind", "participantsByKind"})
  public record CapacityBuilding(
      Map<String, Long> activitiesByKind, Map<String, Long> participantsByKind) {}

  /** ⑤: community issues. */
  @JsonPropertyOrder({"raised", "proposed", "closed", "openAtYearEnd", "byCategory"})
  public record CommunityIssues(
      long raised, long proposed, long closed, long openAtYearEnd, Map<String, Long> byCategory) {}

  /**
   * Every number by its path (API.md; the paths a plan target may name, {@code
   * jp.coordination.events.plan.PlanFigures}); a null value where the figure is null.
   */
  public Map<String, BigDecimal> byPath() {
    Map<String, BigDecimal> n = new LinkedHashMap<>();
    n.put("householdsRegistered", BigDecimal.valueOf(householdsRegistered));
    n.put("householdsActiveAtYearEnd", BigDecimal.valueOf(householdsActiveAtYearEnd));
    n.put("intakesRequested", BigDecimal.valueOf(intakesRequested));
    n.put("preRegisteredShare", preRegisteredShare);
    n.put("placementRate", placementRate);
    n.put("medianHoursToPlacement", medianHoursToPlacement);
    n.put("outOfHoursShare", outOfHoursShare);
    counts(n, "declinesByReason.", declinesByReason);
    n.put("reuseWithin180Days", BigDecimal.valueOf(reuseWithin180Days));
    counts(n, "outcomes.", outcomes);
    n.put("returnHomeRate", returnHomeRate);
    n.put("coSupportsOpened", BigDecimal.valueOf(coSupportsOpened));
    n.put("coSupportsClosed", BigDecimal.valueOf(coSupportsClosed));
    n.put("medianCoSupportDays", medianCoSupportDays);
    counts(n, "activitiesByType.", activitiesByType);
    counts(n, "consultations.contactsByKind.", consultations.contactsByKind());
    n.put("consultations.outOfHoursContacts", BigDecimal.valueOf(consultations.outOfHoursContacts()));
    n.put(
        "consultations.householdsWithoutContact180Days",
        BigDecimal.valueOf(consultations.householdsWithoutContact180Days()));
    n.put("experienceStays.arranged", BigDecimal.valueOf(experienceStays.arranged()));
    n.put("experienceStays.completed", BigDecimal.valueOf(experienceStays.completed()));
    counts(n, "experienceStays.completedByKind.", experienceStays.completedByKind());
    counts(n, "experienceStays.outcomes.", experienceStays.outcomes());
    n.put("experienceStays.transitionRate", experienceStays.transitionRate());
    n.put("experienceStays.nightsStayed", BigDecimal.valueOf(experienceStays.nightsStayed()));
    counts(n, "capacityBuilding.activitiesByKind.", capacityBuilding.activitiesByKind());
    counts(n, "capacityBuilding.participantsByKind.", capacityBuilding.participantsByKind());
    n.put("communityIssues.raised", BigDecimal.valueOf(communityIssues.raised()));
    n.put("communityIssues.proposed", BigDecimal.valueOf(communityIssues.proposed()));
    n.put("communityIssues.closed", BigDecimal.valueOf(communityIssues.closed()));
    n.put("communityIssues.openAtYearEnd", BigDecimal.valueOf(communityIssues.openAtYearEnd()));
    counts(n, "communityIssues.byCategory.", communityIssues.byCategory());
    return n;
  }

  private static void counts(Map<String, BigDecimal> n, String prefix, Map<String, Long> byCode) {
    byCode.forEach((code, count) -> n.put(prefix + code, BigDecimal.valueOf(count)));
  }
}
