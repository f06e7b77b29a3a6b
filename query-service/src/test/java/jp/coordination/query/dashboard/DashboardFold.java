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

  DashboardResponse dashboard(String ward, Instant asOf) {
    return DashboardResponse.of(state(ward), calendar.fiscalYearOf(asOf), asOf, calendar.zone());
  }
}
