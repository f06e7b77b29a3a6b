package jp.coordination.query.views;

import java.util.List;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.communityissue.CommunityIssueEvent;
import jp.coordination.events.cosupport.CoSupportEvent;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayEvent;
import jp.coordination.events.facility.FacilityEvent;
import jp.coordination.events.household.HouseholdEvent;
import jp.coordination.events.intake.IntakeEvent;
import jp.coordination.events.plan.AnnualPlanEvent;
import jp.coordination.query.consumer.DocumentKind;

/** The view collections and the dispatch from an event to its aggregate's pure evolve function. */
public final class Views {

  public static final DocumentKind<HouseholdView> HOUSEHOLDS =
      new DocumentKind<>("households", HouseholdView.class);
  public static final DocumentKind<IntakeView> INTAKES =
      new DocumentKind<>("intakes", IntakeView.class);
  public static final DocumentKind<CoSupportView> CO_SUPPORTS =
      new DocumentKind<>("cosupports", CoSupportView.class);
  public static final DocumentKind<FacilityView> FACILITIES =
      new DocumentKind<>("facilities", FacilityView.class);
  public static final DocumentKind<ExperienceStayView> EXPERIENCE_STAYS =
      new DocumentKind<>("experience_stays", ExperienceStayView.class);
  public static final DocumentKind<CommunityIssueView> COMMUNITY_ISSUES =
      new DocumentKind<>("community_issues", CommunityIssueView.class);
  public static final DocumentKind<CapacityActivityView> CAPACITY_ACTIVITIES =
      new DocumentKind<>("capacity_activities", CapacityActivityView.class);
  public static final DocumentKind<AnnualPlanView> ANNUAL_PLANS =
      new DocumentKind<>("annual_plans", AnnualPlanView.class);

  /** Every view kind. */
  public static final List<DocumentKind<? extends AggregateView>> ALL =
      List.of(
          HOUSEHOLDS,
          INTAKES,
          CO_SUPPORTS,
          FACILITIES,
          EXPERIENCE_STAYS,
          COMMUNITY_ISSUES,
          CAPACITY_ACTIVITIES,
          ANNUAL_PLANS);

  private Views() {}

  /** The collection holding the view of the event's aggregate. */
  @SuppressWarnings("unchecked")
  public static DocumentKind<AggregateView> kindOf(DomainEvent payload) {
    DocumentKind<?> kind;
    if (payload instanceof HouseholdEvent) {
      kind = HOUSEHOLDS;
    } else if (payload instanceof IntakeEvent) {
      kind = INTAKES;
    } else if (payload instanceof CoSupportEvent) {
      kind = CO_SUPPORTS;
    } else if (payload instanceof FacilityEvent) {
      kind = FACILITIES;
    } else if (payload instanceof ExperienceStayEvent) {
      kind = EXPERIENCE_STAYS;
    } else if (payload instanceof CommunityIssueEvent) {
      kind = COMMUNITY_ISSUES;
    } else if (payload instanceof CapacityActivityEvent) {
      kind = CAPACITY_ACTIVITIES;
    } else if (payload instanceof AnnualPlanEvent) {
      kind = ANNUAL_PLANS;
    } else {
      throw new IllegalArgumentException("No view for " + payload.getClass().getName());
    }
    return (DocumentKind<AggregateView>) kind;
  }

  /** The aggregate's view after the event; {@code before} is null for a new aggregate. */
  public static AggregateView evolve(AggregateView before, EventEnvelope envelope) {
    DomainEvent payload = envelope.payload();
    if (payload instanceof HouseholdEvent) {
      return HouseholdView.evolve((HouseholdView) before, envelope);
    } else if (payload instanceof IntakeEvent) {
      return IntakeView.evolve((IntakeView) before, envelope);
    } else if (payload instanceof CoSupportEvent) {
      return CoSupportView.evolve((CoSupportView) before, envelope);
    } else if (payload instanceof FacilityEvent) {
      return FacilityView.evolve((FacilityView) before, envelope);
    } else if (payload instanceof ExperienceStayEvent) {
      return ExperienceStayView.evolve((ExperienceStayView) before, envelope);
    } else if (payload instanceof CommunityIssueEvent) {
      return CommunityIssueView.evolve((CommunityIssueView) before, envelope);
    } else if (payload instanceof CapacityActivityEvent) {
      return CapacityActivityView.evolve((CapacityActivityView) before, envelope);
    } else if (payload instanceof AnnualPlanEvent) {
      return AnnualPlanView.evolve((AnnualPlanView) before, envelope);
    }
    throw new IllegalArgumentException("No view for " + envelope.type());
  }
}
