package jp.coordination.query.dashboard;

import java.util.EnumMap;
import java.util.Map;
import jp.coordination.events.household.RiskFactor;

/**
 * Counts of aggregates in a state, in one ward. Also used as the contribution of a single aggregate
 * (one open intake, a facility's free beds), so an event's effect is "after minus before".
 *
 * @param householdsActive registered, not deregistered, in this ward
 * @param byRiskFactor active households having each factor
 * @param intakesOpen intakes REQUESTED
 * @param intakesInPlacement intakes PLACED
 * @param coSupportsOpen co-support cases OPEN
 * @param emergencyBedsAvailable free emergency beds of the ward's facilities
 * @param experienceStaysArranged experience stays ARRANGED, not yet begun
 * @param experienceStaysInProgress experience stays STARTED
 * @param communityIssuesOpen community issues of the ward not CLOSED
 */
public record LiveFigures(
    int householdsActive,
    Map<RiskFactor, Integer> byRiskFactor,
    int intakesOpen,
    int intakesInPlacement,
    int coSupportsOpen,
    int emergencyBedsAvailable,
    int experienceStaysArranged,
    int experienceStaysInProgress,
    int communityIssuesOpen) {

  public static final LiveFigures ZERO = new LiveFigures(0, Map.of(), 0, 0, 0, 0, 0, 0, 0);

  public LiveFigures {
    // Zero counts are dropped so that equal figures are equal records, whatever their history.
    EnumMap<RiskFactor, Integer> factors = new EnumMap<>(RiskFactor.class);
    if (byRiskFactor != null) {
      byRiskFactor.forEach(
          (factor, count) -> {
            if (count != 0) {
              factors.put(factor, count);
            }
          });
    }
    byRiskFactor = Map.copyOf(factors);
  }

  /** The count for a factor, zero if none. */
  public int households(RiskFactor factor) {
    return byRiskFactor.getOrDefault(factor, 0);
  }

  public LiveFigures plus(LiveFigures other) {
    return combine(other, 1);
  }

  public LiveFigures minus(LiveFigures other) {
    return combine(other, -1);
  }

  private LiveFigures combine(LiveFigures other, int sign) {
    EnumMap<RiskFactor, Integer> factors = new EnumMap<>(RiskFactor.class);
    factors.putAll(byRiskFactor);
    other.byRiskFactor.forEach(
        (factor, count) -> factors.merge(factor, sign * count, Integer::sum));
    return new LiveFigures(
        householdsActive + sign * other.householdsActive,
        factors,
        intakesOpen + sign * other.intakesOpen,
        intakesInPlacement + sign * other.intakesInPlacement,
        coSupportsOpen + sign * other.coSupportsOpen,
        emergencyBedsAvailable + sign * other.emergencyBedsAvailable,
        experienceStaysArranged + sign * other.experienceStaysArranged,
        experienceStaysInProgress + sign * other.experienceStaysInProgress,
        communityIssuesOpen + sign * other.communityIssuesOpen);
  }
}
