package jp.coordination.query.views;

/**
 * The current state of one aggregate as the query side sees it. Other read models (the ward
 * dashboard, later the statistics) diff the view before and after an event to know what changed.
 */
public sealed interface AggregateView
    permits HouseholdView,
        IntakeView,
        CoSupportView,
        FacilityView,
        ExperienceStayView,
        CommunityIssueView,
        CapacityActivityView,
        AnnualPlanView {

  /** The aggregate id. */
  String id();

  /**
   * The ward the aggregate belongs to now; null if no event told it yet, or if it belongs to the
   * whole region (an annual plan, a region-wide community issue, an activity of several wards).
   */
  String ward();

  /** The sequence number of the last event applied. */
  long sequence();
}
