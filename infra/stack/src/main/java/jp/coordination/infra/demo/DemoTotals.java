package jp.coordination.infra.demo;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo year sent, per ward, counted by the generator itself (not read back from the
 * services): the dashboards of FY2024 must show the same figures once it is loaded.
 */
public final class DemoTotals {

  /** Figures of one ward; "at year end" figures are the states left after the last command. */
  public static final class Ward {
    public int householdsRegistered;
    public int householdsActiveAtYearEnd;
    public int intakesRequested;
    public int intakesFromUnregisteredHouseholds;
    public int intakesOutOfHours;
    public int intakesPlaced;
    public int intakesCancelled;
    public int intakesCompleted;
    public int intakesReusedWithin180Days;
    public int declines;
    public int intakesOpenAtYearEnd;
    public int intakesInPlacementAtYearEnd;
    public int coSupportsOpened;
    public int coSupportsClosed;
    public int coSupportsOpenAtYearEnd;
    public int coSupportActivities;
    public int facilities;
    public int emergencyBedsAvailableAtYearEnd;
    public int contacts;
    public int experienceStaysArranged;
    public int experienceStaysCompleted;
    public int experienceStaysCancelled;
    public int experienceStaysArrangedAtYearEnd;
    public int experienceStaysInProgressAtYearEnd;

    /** Activities that served this ward (one serving several wards counts in each). */
    public int capacityActivities;

    public int communityIssuesRaised;
    public int communityIssuesOpenAtYearEnd;

    @Override
    public String toString() {
      return String.format(
          "households %d (active %d), intakes %d (unregistered %d, out of hours %d, placed %d, cancelled %d,"
              + " completed %d, re-used %d, declines %d, open %d, in placement %d), co-support %d opened"
              + " %d closed (%d activities), facilities %d with %d free beds; contacts %d, stays %d"
              + " (completed %d), capacity activities %d, community issues %d (open %d)",
          householdsRegistered,
          householdsActiveAtYearEnd,
          intakesRequested,
          intakesFromUnregisteredHouseholds,
          intakesOutOfHours,
          intakesPlaced,
          intakesCancelled,
          intakesCompleted,
          intakesReusedWithin180Days,
          declines,
          intakesOpenAtYearEnd,
          intakesInPlacementAtYearEnd,
          coSupportsOpened,
          coSupportsClosed,
          coSupportActivities,
          facilities,
          emergencyBedsAvailableAtYearEnd,
          contacts,
          experienceStaysArranged,
          experienceStaysCompleted,
          capacityActivities,
          communityIssuesRaised,
          communityIssuesOpenAtYearEnd);
    }
  }

  private final Map<String, Ward> wards = new TreeMap<>();

  /** Capacity-building activities held in the year, each once (however many wards it served). */
  public int capacityActivities;

  /** Of those, the ones that served the whole region. */
  public int regionWideCapacityActivities;

  /** Community issues raised for the whole region rather than one ward. */
  public int regionWideCommunityIssues;

  /** The targets of the year's plan sent with it. */
  public int planTargets;

  /** The figures of a ward (created empty on first use). */
  public Ward ward(String code) {
    return wards.computeIfAbsent(code, c -> new Ward());
  }

  public Map<String, Ward> wards() {
    return wards;
  }

  /** Sum of a figure over all wards. */
  public int total(java.util.function.ToIntFunction<Ward> figure) {
    return wards.values().stream().mapToInt(figure).sum();
  }

  /** A few lines for a terminal. */
  public String report() {
    StringBuilder out = new StringBuilder();
    wards.forEach((code, w) -> out.append(String.format("  %-12s %s%n", code, w)));
    out.append(
        String.format(
            "  %-12s households %d, intakes %d (placed %d), co-support %d, facilities %d%n",
            "region",
            total(w -> w.householdsRegistered),
            total(w -> w.intakesRequested),
            total(w -> w.intakesPlaced),
            total(w -> w.coSupportsOpened),
            total(w -> w.facilities)));
    out.append(
        String.format(
            "  %-12s contacts %d, experience stays %d (completed %d), capacity activities %d"
                + " (%d region-wide), community issues %d (%d region-wide), plan targets %d%n",
            "",
            total(w -> w.contacts),
            total(w -> w.experienceStaysArranged),
            total(w -> w.experienceStaysCompleted),
            capacityActivities,
            regionWideCapacityActivities,
            total(w -> w.communityIssuesRaised) + regionWideCommunityIssues,
            regionWideCommunityIssues,
            planTargets));
    return out.toString();
  }
}
