package jp.coordination.events.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.IntakeOutcome;

/**
 * The figures a plan may set targets for: the paths of the regional council statistics of one ward
 * (API.md, "Statistics of one ward"), the same for the region's {@code total}. A path names a
 * number: a count, a fraction 0..1 (rates and shares), or a median in hours or days.
 */
public final class PlanFigures {

  private static final Set<String> FRACTIONS =
      Set.of(
          "preRegisteredShare",
          "placementRate",
          "outOfHoursShare",
          "returnHomeRate",
          "experienceStays.transitionRate");

  private static final Set<String> ALL = build();

  private PlanFigures() {}

  /** Every figure a target may name, in the order of the statistics. */
  public static Set<String> all() {
    return ALL;
  }

  /** Whether a target may name this figure. */
  public static boolean isKnown(String figure) {
    return figure != null && ALL.contains(figure);
  }

  /** Whether the figure is a rate or share, so that its target is a fraction 0..1. */
  public static boolean isFraction(String figure) {
    return FRACTIONS.contains(figure);
  }

  private static Set<String> build() {
    List<String> paths = new ArrayList<>();
    paths.add("householdsRegistered");
    paths.add("householdsActiveAtYearEnd");
    paths.add("intakesRequested");
    paths.add("preRegisteredShare");
    paths.add("placementRate");
    paths.add("medianHoursToPlacement");
    paths.add("outOfHoursShare");
    each(paths, "declinesByReason.", DeclineReason.values());
    paths.add("reuseWithin180Days");
    each(paths, "outcomes.", IntakeOutcome.values());
    paths.add("returnHomeRate");
    paths.add("coSupportsOpened");
    paths.add("coSupportsClosed");
    paths.add("medianCoSupportDays");
    each(paths, "activitiesByType.", ActivityType.values());
    each(paths, "consultations.contactsByKind.", ContactKind.values());
    paths.add("consultations.outOfHoursContacts");
    paths.add("consultations.householdsWithoutContact180Days");
    paths.add("experienceStays.arranged");
    paths.add("experienceStays.completed");
    each(paths, "experienceStays.completedByKind.", ExperienceStayKind.values());
    each(paths, "experienceStays.outcomes.", ExperienceStayOutcome.values());
    paths.add("experienceStays.transitionRate");
    paths.add("experienceStays.nightsStayed");
    each(paths, "capacityBuilding.activitiesByKind.", CapacityActivityKind.values());
    each(paths, "capacityBuilding.participantsByKind.", ParticipantKind.values());
    paths.add("communityIssues.raised");
    paths.add("communityIssues.proposed");
    paths.add("communityIssues.closed");
    paths.add("communityIssues.openAtYearEnd");
    each(paths, "communityIssues.byCategory.", CommunityIssueCategory.values());
    return Collections.unmodifiableSet(new LinkedHashSet<>(paths));
  }

  private static void each(List<String> paths, String prefix, Enum<?>[] codes) {
    for (Enum<?> code : codes) {
      paths.add(prefix + code.name());
    }
  }
}
