package jp.coordination.events;

/** The aggregate type names used in the envelope's {@code aggregateType} field. */
public final class AggregateType {
  public static final String HOUSEHOLD = "Household";
  public static final String EMERGENCY_INTAKE = "EmergencyIntake";
  public static final String CO_SUPPORT = "CoSupport";
  public static final String FACILITY = "Facility";
  public static final String EXPERIENCE_STAY = "ExperienceStay";
  public static final String CAPACITY_ACTIVITY = "CapacityActivity";
  public static final String COMMUNITY_ISSUE = "CommunityIssue";
  public static final String ANNUAL_PLAN = "AnnualPlan";

  private AggregateType() {}
}
