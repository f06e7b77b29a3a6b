package jp.coordination.query.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.events.household.RiskFactor;

/** The ward dashboard as API.md shapes it, for the fiscal year containing {@code asOf}. */
public record DashboardResponse(
    String ward,
    int fiscalYear,
    OffsetDateTime asOf,
    OffsetDateTime lastEventAt,
    Households households,
    Intakes intakes,
    CoSupports coSupports,
    Facilities facilities,
    Monthly monthly,
    ExperienceStays experienceStays,
    CapacityBuilding capacityBuilding,
    CommunityIssues communityIssues) {

  /** Active households and how many have each risk factor (every code listed). */
  public record Households(int active, Map<RiskFactor, Integer> byRiskFactor) {}

  /** Intakes now and in the fiscal year. */
  public record Intakes(
      int open,
      int inPlacement,
      int requestedThisYear,
      int placedThisYear,
      int cancelledThisYear,
      int outOfHoursThisYear,
      Double medianHoursToPlacement) {}

  /** Co-support cases now and in the fiscal year. */
  public record CoSupports(int open, int openedThisYear, int closedThisYear) {}

  /** Emergency beds free now. */
  public record Facilities(int emergencyBedsAvailable) {}

  /** Experience stays (③) now and completed in the fiscal year. */
  public record ExperienceStays(int arranged, int inProgress, int completedThisYear) {}

  /** Capacity-building activities (④⑤) held in the fiscal year that served the ward. */
  public record CapacityBuilding(int activitiesThisYear) {}

  /** Community issues (⑤) of the ward not yet closed. */
  public record CommunityIssues(int open) {}

  /**
   * The fiscal year month by month (April .. March): each series sums to the yearly figure of the
   * same name above.
   *
   * @param months the months as {@code yyyy-MM}, April of {@code fiscalYear} first
   */
  public record Monthly(
      List<String> months,
      List<Integer> intakesRequested,
      List<Integer> intakesPlaced,
      List<Integer> coSupportsOpened,
      List<Integer> coSupportsClosed) {}

  /** The dashboard of the fiscal year {@code fiscalYear}, with times shown in {@code zone}. */
  public static DashboardResponse of(
      WardDashboard dashboard, int fiscalYear, Instant asOf, ZoneId zone) {
    LiveFigures live = dashboard.live();
    YearFigures year = dashboard.year(fiscalYear);
    Map<RiskFactor, Integer> byRiskFactor = new LinkedHashMap<>();
    for (RiskFactor factor : RiskFactor.values()) {
      byRiskFactor.put(factor, live.households(factor));
    }
    return new DashboardResponse(
        dashboard.ward(),
        fiscalYear,
        asOf.atZone(zone).toOffsetDateTime(),
        dashboard.lastEventAt() == null
            ? null
            : dashboard.lastEventAt().atZone(zone).toOffsetDateTime(),
        new Households(live.householdsActive(), byRiskFactor),
        new Intakes(
            live.intakesOpen(),
            live.intakesInPlacement(),
            year.intakesRequested(),
            year.intakesPlaced(),
            year.intakesCancelled(),
            year.intakesOutOfHours(),
            year.medianHoursToPlacement()),
        new CoSupports(live.coSupportsOpen(), year.coSupportsOpened(), year.coSupportsClosed()),
        new Facilities(live.emergencyBedsAvailable()),
        new Monthly(
            months(fiscalYear),
            year.requestedByMonth(),
            year.placedByMonth(),
            year.coSupportsOpenedByMonth(),
            year.coSupportsClosedByMonth()),
        new ExperienceStays(
            live.experienceStaysArranged(),
            live.experienceStaysInProgress(),
            year.experienceStaysCompleted()),
        new CapacityBuilding(year.capacityActivities()),
        new CommunityIssues(live.communityIssuesOpen()));
  }

  private static List<String> months(int fiscalYear) {
    List<String> months = new ArrayList<>();
    YearMonth month = YearMonth.of(fiscalYear, 4);
    for (int i = 0; i < YearFigures.MONTHS; i++) {
      months.add(month.plusMonths(i).toString());
    }
    return months;
  }
}
