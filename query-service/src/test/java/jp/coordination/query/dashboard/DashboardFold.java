package jp.coordination.query.dashboard;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateView;

/** Folds events through the pure functions only (no store): the dashboard as a left fold. */
public final class DashboardFold {

  private final BusinessCalendar calendar;
  private final Map<String, AggregateView> views = new HashMap<>();
  private final Map<String, WardDashboard> dashboards = new HashMap<>();

  public DashboardFold(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  public DashboardFold apply(EventEnvelope... envelopes) {
    for (EventEnvelope envelope : envelopes) {
      AggregateChange change = AggregateChange.of(views.get(envelope.aggregateId()), envelope);
      for (String ward : WardDashboards.wardsTouched(change)) {
        dashboards.put(
            ward,
            WardDashboards.evolve(
                dashboards.getOrDefault(ward, WardDashboard.empty(ward)), change, calendar));
      }
      views.put(envelope.aggregateId(), change.after());
    }
    return this;
  }

  public WardDashboard state(String ward) {
    return dashboards.getOrDefault(ward, WardDashboard.empty(ward));
  }

  /**
   * The dashboard with its durations to placement sorted: they are a multiset, whose order is the
   * order the events were applied in, which the interleaving of partitions decides.
   */
  public static WardDashboard withSortedDurations(WardDashboard dashboard) {
    Map<Integer, YearFigures> years = new HashMap<>();
    dashboard
        .years()
        .forEach(
            (year, f) ->
                years.put(
                    year,
                    new YearFigures(
                        f.intakesRequested(),
                        f.intakesPlaced(),
                        f.intakesCancelled(),
                        f.intakesOutOfHours(),
                        f.coSupportsOpened(),
                        f.coSupportsClosed(),
                        f.secondsToPlacement().stream().sorted().toList(),
                        f.requestedByMonth(),
                        f.placedByMonth(),
                        f.coSupportsOpenedByMonth(),
                        f.coSupportsClosedByMonth(),
                        f.experienceStaysCompleted(),
                        f.capacityActivities())));
    return new WardDashboard(dashboard.ward(), dashboard.live(), years, dashboard.lastEventAt());
  }

  DashboardResponse dashboard(String ward, Instant asOf) {
    return DashboardResponse.of(state(ward), calendar.fiscalYearOf(asOf), asOf, calendar.zone());
  }
}
