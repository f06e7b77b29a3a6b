package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.IntakeOutcome;

/**
 * Told by {@link StatisticsCalculator} of every event a count figure counts, each time it counts
 * it: once for the ward and once for the total, as the figure is raised. The drill-down (DOMAIN.md)
 * lists a figure's events from this, so a figure and its events cannot disagree.
 */
@FunctionalInterface
public interface CountedEvents {

  /** Nobody listens: the live projection and the evaluation. */
  CountedEvents NONE = (column, figure, event) -> {};

  /**
   * @param column the ward's code, or null for the region's total
   * @param figure the figure's path ({@link #FIGURES})
   * @param event the event counted
   */
  void counted(String column, String figure, Event event);

  /**
   * One event as the facts know it: its aggregate, type and business time, and its sequence where
   * the facts keep one. An aggregate has one event of each type the facts know without a sequence
   * (one registration, one request, …); contacts, declines and activities, of which it may have
   * several in the same minute, carry their sequence.
   *
   * @param sequence the event's sequence, or null where the type and time tell it
   */
  record Event(String aggregateId, String type, Instant businessTime, Long sequence) {

    /** An event told by its type and time. */
    public Event(String aggregateId, String type, Instant businessTime) {
      this(aggregateId, type, businessTime, null);
    }
  }

  /**
   * Every figure that counts events, by its path as in {@link WardFigures#byPath()}; rates, medians
   * and sums of nights or participants are not counts of events.
   */
  List<String> FIGURES = figures();

  private static List<String> figures() {
    List<String> f = new ArrayList<>();
    f.add("householdsRegistered");
    f.add("householdsActiveAtYearEnd");
    f.add("intakesRequested");
    for (DeclineReason r : DeclineReason.values()) {
      f.add("declinesByReason." + r.name());
    }
    f.add("reuseWithin180Days");
    for (IntakeOutcome o : IntakeOutcome.values()) {
      f.add("outcomes." + o.name());
    }
    f.add("coSupportsOpened");
    f.add("coSupportsClosed");
    for (ActivityType a : ActivityType.values()) {
      f.add("activitiesByType." + a.name());
    }
    for (ContactKind k : ContactKind.values()) {
      f.add("consultations.contactsByKind." + k.name());
    }
    f.add("consultations.outOfHoursContacts");
    f.add("consultations.householdsWithoutContact180Days");
    f.add("experienceStays.arranged");
    f.add("experienceStays.completed");
    for (ExperienceStayKind k : ExperienceStayKind.values()) {
      f.add("experienceStays.completedByKind." + k.name());
    }
    for (ExperienceStayOutcome o : ExperienceStayOutcome.values()) {
      f.add("experienceStays.outcomes." + o.name());
    }
    for (CapacityActivityKind k : CapacityActivityKind.values()) {
      f.add("capacityBuilding.activitiesByKind." + k.name());
    }
    f.add("communityIssues.raised");
    f.add("communityIssues.proposed");
    f.add("communityIssues.closed");
    f.add("communityIssues.openAtYearEnd");
    for (CommunityIssueCategory c : CommunityIssueCategory.values()) {
      f.add("communityIssues.byCategory." + c.name());
    }
    return Collections.unmodifiableList(f);
  }
}
