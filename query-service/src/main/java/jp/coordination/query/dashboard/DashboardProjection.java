package jp.coordination.query.dashboard;

import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateChangeProjection;

/**
 * Keeps one dashboard document per ward by applying the pure {@link WardDashboards} functions
 * through guarded updates.
 */
public final class DashboardProjection implements AggregateChangeProjection {

  public static final DocumentKind<WardDashboard> WARD_DASHBOARDS =
      new DocumentKind<>("ward_dashboards", WardDashboard.class);

  private final ProjectionStore store;
  private final BusinessCalendar calendar;
  private final DashboardListener listener;

  public DashboardProjection(ProjectionStore store, BusinessCalendar calendar) {
    this(store, calendar, DashboardListener.NONE);
  }

  public DashboardProjection(
      ProjectionStore store, BusinessCalendar calendar, DashboardListener listener) {
    this.store = store;
    this.calendar = calendar;
    this.listener = listener;
  }

  @Override
  public boolean apply(AggregateChange change, Delivery delivery) {
    boolean written = false;
    for (String ward : WardDashboards.wardsTouched(change)) {
      boolean wrote =
          GuardedUpdate.apply(
              store,
              WARD_DASHBOARDS,
              ward,
              delivery,
              current ->
                  WardDashboards.evolve(
                      current.orElseGet(() -> WardDashboard.empty(ward)), change, calendar));
      if (wrote) {
        // After the commit: a listener reads the stored dashboard, which a batch writes at its end.
        store.afterCommit(() -> listener.wardChanged(ward));
      }
      written |= wrote;
    }
    return written;
  }

  /** The stored dashboard of a ward, or zeros if no event touched it yet. */
  public WardDashboard dashboard(String ward) {
    return versioned(store, ward).dashboard();
  }

  /**
   * The stored dashboard with its document version, which grows by one on every write of that
   * ward's document (version 0: never written). The live stream uses it as the event id.
   */
  public static VersionedDashboard versioned(ProjectionStore store, String ward) {
    return store
        .read(WARD_DASHBOARDS, ward)
        .map(v -> new VersionedDashboard(v.state(), v.v()))
        .orElseGet(() -> new VersionedDashboard(WardDashboard.empty(ward), 0));
  }

  /** A ward dashboard and the version of its document. */
  public record VersionedDashboard(WardDashboard dashboard, long version) {}
}
