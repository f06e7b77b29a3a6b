package jp.coordination.query.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
    Facilities facilities) {

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
        dashboard.lastEventAt() == null ? null : dashboard.lastEventAt().atZone(zone).toOffsetDateTime(),
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
        new Facilities(live.emergencyBedsAvailable()));
  }
}
