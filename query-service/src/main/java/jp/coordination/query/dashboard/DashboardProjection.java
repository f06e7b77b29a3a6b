package jp.coordination.query.dashboard;

import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateChangeProjection;

/** Keeps one dashboard document per ward by applying the pure {@link WardDashboards} functions through guarded updates. */
public final class DashboardProjection implements AggregateChangeProjection {

  public static final DocumentKind<WardDashboard> WARD_DASHBOARDS =
      new DocumentKind<>("ward_dashboards", WardDashboard.class);

  private final ProjectionStore store;
  private final BusinessCalendar calendar;

  public DashboardProjection(ProjectionStore store, BusinessCalendar calendar) {
    this.store = store;
    this.calendar = calendar;
  }

  @Override
  public boolean apply(AggregateChange change, Delivery delivery) {
    boolean written = false;
    for (String ward : WardDashboards.wardsTouched(change)) {
      written |=
          GuardedUpdate.apply(
              store,
              WARD_DASHBOARDS,
              ward,
              delivery,
              current ->
                  WardDashboards.evolve(
                      current.orElseGet(() -> WardDashboard.empty(ward)), change, calendar));
    }
    return written;
  }

  /** The stored dashboard of a ward, or zeros if no event touched it yet. */
  public WardDashboard dashboard(String ward) {
    return store
        .read(WARD_DASHBOARDS, ward)
        .map(v -> v.state())
        .orElseGet(() -> WardDashboard.empty(ward));
  }
}
