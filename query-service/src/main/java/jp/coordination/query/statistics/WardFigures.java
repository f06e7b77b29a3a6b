package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The figures of DOMAIN.md's statistics table for one ward or the region total, in API.md's field
 * order. Rates and shares are fractions rounded half-up to 4 decimals, medians half-up to 2
 * decimals; null where the denominator (or the set of durations) is empty. Maps list every code of
 * their enumeration in declaration order, zeros included. Counts are boxed because a council reads
 * them with small numbers suppressed ({@link SmallNumberSuppression}): null there; the calculator
 * never leaves one null.
 */
@JsonPropertyOrder({
  "householdsRegistered",
  "householdsActiveAtYearEnd",
  "intakesRequested",
  "preRegisteredShare",
  "placementRate",
  "medianHoursToPlacement",
  "outOfHoursShare",
  "declinesByReason",
  "reuseWithin180Days",
  "outcomes",
  "returnHomeRate",
  "coSupportsOpened",
  "coSupportsClosed",
  "medianCoSupportDays",
  "activitiesByType",
  "consultations",
  "experienceStays",
  "capacityBuilding",
  "communityIssues"
})
public record WardFigures(
    Long householdsRegistered,
    Long householdsActiveAtYearEnd,
    Long intakesRequested,
    BigDecimal preRegisteredShare,
    BigDecimal placementRate,
    BigDecimal medianHoursToPlacement,
    BigDecimal outOfHoursShare,
    Map<String, Long> declinesByReason,
    Long reuseWithin180Days,
    Map<String, Long> outcomes,
    BigDecimal returnHomeRate,
    Long coSupportsOpened,
    Long coSupportsClosed,
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
      Long outOfHoursContacts,
      Long householdsWithoutContact180Days) {}

  /** ③: experience stays. */
  @JsonPropertyOrder({
    "arranged",
    "completed",
    "completedByKind",
    "outcomes",
    "transitionRate",
    "nightsStayed"
  })
  public record ExperienceStays(
      Long arranged,
      Long completed,
      Map<String, Long> completedByKind,
      Map<String, Long> outcomes,
      BigDecimal transitionRate,
      Long nightsStayed) {}

  /** ④⑤: capacity-building activities. */
  @JsonPropertyOrder({"activitiesByKind", "participantsByKind"})
  public record CapacityBuilding(
      Map<String, Long> activitiesByKind, Map<String, Long> participantsByKind) {}

  /** ⑤: community issues. */
  @JsonPropertyOrder({"raised", "proposed", "closed", "openAtYearEnd", "byCategory"})
  public record CommunityIssues(
      Long raised, Long proposed, Long closed, Long openAtYearEnd, Map<String, Long> byCategory) {}

  /**
   * Every number by its path (API.md; the paths a plan target may name, {@code
   * jp.coordination.events.plan.PlanFigures}); a null value where the figure is null.
   */
  public Map<String, BigDecimal> byPath() {
    Map<String, BigDecimal> n = new LinkedHashMap<>();
    n.put("householdsRegistered", number(householdsRegistered));
    n.put("householdsActiveAtYearEnd", number(householdsActiveAtYearEnd));
    n.put("intakesRequested", number(intakesRequested));
    n.put("preRegisteredShare", preRegisteredShare);
    n.put("placementRate", placementRate);
    n.put("medianHoursToPlacement", medianHoursToPlacement);
    n.put("outOfHoursShare", outOfHoursShare);
    counts(n, "declinesByReason.", declinesByReason);
    n.put("reuseWithin180Days", number(reuseWithin180Days));
    counts(n, "outcomes.", outcomes);
    n.put("returnHomeRate", returnHomeRate);
    n.put("coSupportsOpened", number(coSupportsOpened));
    n.put("coSupportsClosed", number(coSupportsClosed));
    n.put("medianCoSupportDays", medianCoSupportDays);
    counts(n, "activitiesByType.", activitiesByType);
    counts(n, "consultations.contactsByKind.", consultations.contactsByKind());
    n.put("consultations.outOfHoursContacts", number(consultations.outOfHoursContacts()));
    n.put(
        "consultations.householdsWithoutContact180Days",
        number(consultations.householdsWithoutContact180Days()));
    n.put("experienceStays.arranged", number(experienceStays.arranged()));
    n.put("experienceStays.completed", number(experienceStays.completed()));
    counts(n, "experienceStays.completedByKind.", experienceStays.completedByKind());
    counts(n, "experienceStays.outcomes.", experienceStays.outcomes());
    n.put("experienceStays.transitionRate", experienceStays.transitionRate());
    n.put("experienceStays.nightsStayed", number(experienceStays.nightsStayed()));
    counts(n, "capacityBuilding.activitiesByKind.", capacityBuilding.activitiesByKind());
    counts(n, "capacityBuilding.participantsByKind.", capacityBuilding.participantsByKind());
    n.put("communityIssues.raised", number(communityIssues.raised()));
    n.put("communityIssues.proposed", number(communityIssues.proposed()));
    n.put("communityIssues.closed", number(communityIssues.closed()));
    n.put("communityIssues.openAtYearEnd", number(communityIssues.openAtYearEnd()));
    counts(n, "communityIssues.byCategory.", communityIssues.byCategory());
    return n;
  }

  /**
   * The same figures with those at {@code hidden} paths (as {@link #byPath}) set to null; maps keep
   * every code, with null values where hidden.
   */
  public WardFigures withHidden(Set<String> hidden) {
    if (hidden.isEmpty()) {
      return this;
    }
    Hider h = new Hider(hidden);
    return new WardFigures(
        h.keep("householdsRegistered", householdsRegistered),
        h.keep("householdsActiveAtYearEnd", householdsActiveAtYearEnd),
        h.keep("intakesRequested", intakesRequested),
        h.keep("preRegisteredShare", preRegisteredShare),
        h.keep("placementRate", placementRate),
        h.keep("medianHoursToPlacement", medianHoursToPlacement),
        h.keep("outOfHoursShare", outOfHoursShare),
        h.keepCodes("declinesByReason.", declinesByReason),
        h.keep("reuseWithin180Days", reuseWithin180Days),
        h.keepCodes("outcomes.", outcomes),
        h.keep("returnHomeRate", returnHomeRate),
        h.keep("coSupportsOpened", coSupportsOpened),
        h.keep("coSupportsClosed", coSupportsClosed),
        h.keep("medianCoSupportDays", medianCoSupportDays),
        h.keepCodes("activitiesByType.", activitiesByType),
        new Consultations(
            h.keepCodes("consultations.contactsByKind.", consultations.contactsByKind()),
            h.keep("consultations.outOfHoursContacts", consultations.outOfHoursContacts()),
            h.keep(
                "consultations.householdsWithoutContact180Days",
                consultations.householdsWithoutContact180Days())),
        new ExperienceStays(
            h.keep("experienceStays.arranged", experienceStays.arranged()),
            h.keep("experienceStays.completed", experienceStays.completed()),
            h.keepCodes("experienceStays.completedByKind.", experienceStays.completedByKind()),
            h.keepCodes("experienceStays.outcomes.", experienceStays.outcomes()),
            h.keep("experienceStays.transitionRate", experienceStays.transitionRate()),
            h.keep("experienceStays.nightsStayed", experienceStays.nightsStayed())),
        new CapacityBuilding(
            h.keepCodes("capacityBuilding.activitiesByKind.", capacityBuilding.activitiesByKind()),
            h.keepCodes(
                "capacityBuilding.participantsByKind.", capacityBuilding.participantsByKind())),
        new CommunityIssues(
            h.keep("communityIssues.raised", communityIssues.raised()),
            h.keep("communityIssues.proposed", communityIssues.proposed()),
            h.keep("communityIssues.closed", communityIssues.closed()),
            h.keep("communityIssues.openAtYearEnd", communityIssues.openAtYearEnd()),
            h.keepCodes("communityIssues.byCategory.", communityIssues.byCategory())));
  }

  private record Hider(Set<String> hidden) {
    <T> T keep(String path, T value) {
      return hidden.contains(path) ? null : value;
    }

    Map<String, Long> keepCodes(String prefix, Map<String, Long> byCode) {
      Map<String, Long> kept = new LinkedHashMap<>();
      byCode.forEach(
          (code, count) -> kept.put(code, hidden.contains(prefix + code) ? null : count));
      return Collections.unmodifiableMap(kept);
    }
  }

  private static void counts(Map<String, BigDecimal> n, String prefix, Map<String, Long> byCode) {
    byCode.forEach((code, count) -> n.put(prefix + code, number(count)));
  }

  private static BigDecimal number(Long count) {
    return count == null ? null : BigDecimal.valueOf(count);
  }
}
