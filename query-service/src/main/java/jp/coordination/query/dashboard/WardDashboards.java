package jp.coordination.query.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateView;
import jp.coordination.query.views.CapacityActivityView;
import jp.coordination.query.views.CoSupportView;
import jp.coordination.query.views.CommunityIssueView;
import jp.coordination.query.views.ExperienceStayView;
import jp.coordination.query.views.FacilityView;
import jp.coordination.query.views.HouseholdView;
import jp.coordination.query.views.IntakeView;

/**
 * The ward dashboard as pure functions: which wards an event touches and how each ward's dashboard
 * evolves. No I/O, no framework: the MongoDB adapter, a replay and the tests all call these same
 * functions.
 *
 * <p>Current counts move by "contribution after minus contribution before" of the aggregate, so a
 * household's move, a reassessment that replaces risk factors, or a facility's new declaration
 * shift exactly what they change. Flows (requested, placed, ... this year) come from the event
 * itself, in the fiscal year of its business time.
 */
public final class WardDashboards {

  private WardDashboards() {}

  /**
   * The wards whose dashboard the change affects: the event's ward and wards the aggregate left or
   * entered.
   */
  public static Set<String> wardsTouched(AggregateChange change) {
    Set<String> wards = new LinkedHashSet<>();
    if (change.envelope().ward() != null) {
      wards.add(change.envelope().ward());
    }
    wards.addAll(contribution(change.before()).keySet());
    wards.addAll(contribution(change.after()).keySet());
    wards.addAll(activityWards(change.before()));
    wards.addAll(activityWards(change.after()));
    return wards;
  }

  /** The ward's dashboard after the change. */
  public static WardDashboard evolve(
      WardDashboard state, AggregateChange change, BusinessCalendar calendar) {
    String ward = state.ward();
    LiveFigures before = contribution(change.before()).getOrDefault(ward, LiveFigures.ZERO);
    LiveFigures after = contribution(change.after()).getOrDefault(ward, LiveFigures.ZERO);
    WardDashboard next = state.withLive(state.live().plus(after).minus(before));
    // A capacity activity counts in the fiscal year it was held, in every ward it served; a
    // correction may move it to other wards or another year, a withdrawal takes it out.
    if (activityWards(change.before()).contains(ward)) {
      int heldYear = calendar.fiscalYearOf(((CapacityActivityView) change.before()).heldAt());
      next = next.withYear(heldYear, y -> y.withCapacityActivities(-1));
    }
    if (activityWards(change.after()).contains(ward)) {
      int heldYear = calendar.fiscalYearOf(((CapacityActivityView) change.after()).heldAt());
      next = next.withYear(heldYear, y -> y.withCapacityActivities(1));
    }
    EventEnvelope envelope = change.envelope();
    if (ward.equals(envelope.ward())) {
      next = withFlows(next, change, calendar);
    }
    return next.withEventRecordedAt(envelope.recordedAt());
  }

  private static WardDashboard withFlows(
      WardDashboard state, AggregateChange change, BusinessCalendar calendar) {
    EventEnvelope envelope = change.envelope();
    DomainEvent event = envelope.payload();
    Instant at = envelope.occurredAt();
    int year = calendar.fiscalYearOf(at);
    int month = fiscalMonthOf(at, calendar);
    if (event instanceof EmergencyIntakeRequested) {
      boolean outOfHours = calendar.isOutOfHours(at);
      return state.withYear(year, y -> y.withRequest(outOfHours, month));
    }
    if (event instanceof EmergencyIntakePlaced) {
      WardDashboard placed = state.withYear(year, y -> y.withPlacement(month));
      if (change.before() instanceof IntakeView intake && intake.requestedAt() != null) {
        // The duration belongs to the fiscal year of the request, the count to that of the
        // placement.
        long seconds = Duration.between(intake.requestedAt(), at).getSeconds();
        int requestYear = calendar.fiscalYearOf(intake.requestedAt());
        return placed.withYear(requestYear, y -> y.withPlacementDuration(seconds));
      }
      return placed;
    }
    if (event instanceof EmergencyIntakeCancelled) {
      return state.withYear(year, YearFigures::withCancellation);
    }
    if (event instanceof CoSupportOpened) {
      return state.withYear(year, y -> y.withCoSupportOpened(month));
    }
    if (event instanceof CoSupportClosed) {
      return state.withYear(year, y -> y.withCoSupportClosed(month));
    }
    if (event instanceof ExperienceStayCompleted) {
      return state.withYear(year, YearFigures::withExperienceStayCompleted);
    }
    return state;
  }

  /**
   * The wards a capacity activity counts in: those it served, while it counts. One serving the
   * whole region counts in no ward's dashboard (the statistics count it in the region's total).
   */
  static List<String> activityWards(AggregateView view) {
    if (view instanceof CapacityActivityView activity
        && activity.counts()
        && activity.heldAt() != null) {
      return activity.wards();
    }
    return List.of();
  }

  /** The month of the fiscal year, 0 = April .. 11 = March, in the calendar's zone. */
  static int fiscalMonthOf(Instant at, BusinessCalendar calendar) {
    return (at.atZone(calendar.zone()).getMonthValue() + 8) % 12;
  }

  /** What one aggregate in its current state adds to the counts of its ward. */
  static Map<String, LiveFigures> contribution(AggregateView view) {
    Map<String, LiveFigures> result = new HashMap<>();
    if (view == null || view.ward() == null) {
      return result;
    }
    LiveFigures figures = LiveFigures.ZERO;
    if (view instanceof HouseholdView household && household.active()) {
      Map<RiskFactor, Integer> factors = new EnumMap<>(RiskFactor.class);
      household.riskFactors().forEach(f -> factors.put(f, 1));
      figures = new LiveFigures(1, factors, 0, 0, 0, 0, 0, 0, 0);
    } else if (view instanceof IntakeView intake && intake.status() != null) {
      figures =
          switch (intake.status()) {
            case REQUESTED -> new LiveFigures(0, Map.of(), 1, 0, 0, 0, 0, 0, 0);
            case PLACED -> new LiveFigures(0, Map.of(), 0, 1, 0, 0, 0, 0, 0);
            case COMPLETED, CANCELLED -> LiveFigures.ZERO;
          };
    } else if (view instanceof CoSupportView coSupport
        && coSupport.status() == CoSupportView.Status.OPEN) {
      figures = new LiveFigures(0, Map.of(), 0, 0, 1, 0, 0, 0, 0);
    } else if (view instanceof FacilityView facility) {
      figures = new LiveFigures(0, Map.of(), 0, 0, 0, facility.availableBeds(), 0, 0, 0);
    } else if (view instanceof ExperienceStayView stay && stay.status() != null) {
      figures =
          switch (stay.status()) {
            case ARRANGED -> new LiveFigures(0, Map.of(), 0, 0, 0, 0, 1, 0, 0);
            case STARTED -> new LiveFigures(0, Map.of(), 0, 0, 0, 0, 0, 1, 0);
            case COMPLETED, CANCELLED -> LiveFigures.ZERO;
          };
    } else if (view instanceof CommunityIssueView issue && issue.open()) {
      figures = new LiveFigures(0, Map.of(), 0, 0, 0, 0, 0, 0, 1);
    }
    if (!figures.equals(LiveFigures.ZERO)) {
      result.put(view.ward(), figures);
    }
    return result;
  }
}
