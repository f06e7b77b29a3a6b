package jp.coordination.query.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.coordination.events.EventType;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;

/**
 * The one place every figure of the regional council statistics is computed, from the facts of all
 * aggregates. The live projection and the replay both call it; neither counts anything itself. The
 * definitions an analyst may change ({@link Definitions}) are parameters; the official ones unless
 * a what-if replay says otherwise.
 *
 * <p>Definitions beyond DOMAIN.md's table (documented in docs/ARCHITECTURE.md):
 *
 * <ul>
 *   <li>"in the FY": the event's business time, in Asia/Tokyo, falls in the fiscal year.
 *   <li>A figure counts for the ward of its own event (the envelope's ward); "active at FY end" for
 *       the ward the household was in just before 1 April 00:00 JST of the next year.
 *   <li>Pre-registered: the request names a household whose registration's business time is
 *       strictly before the request's (a what-if may compare recorded times instead).
 *   <li>Re-use: the household had an intake completed at a time {@code c} with {@code request - 180
 *       days <= c < request} (180 days of 24 hours; Japan has no daylight saving time; a what-if
 *       may change the window).
 *   <li>Placement rate, median hours to placement: over intakes requested in the FY, whenever the
 *       placement happened (as far as the log shows; a what-if may count only placements before the
 *       FY's end).
 *   <li>Median co-support days: over cases closed in the FY, from opening to closing.
 *   <li>Events for a ward the region does not have are left out of wards and total alike.
 *   <li>Contacts count for the ward of their event; out of hours as for requests. Households
 *       without contact: active at FY end, by ward at FY end, with no contact at a business time
 *       {@code c} with {@code FY end - 180 days <= c < FY end}.
 *   <li>Experience stays: arranged and completed by their own events' business times; kinds,
 *       outcomes and nights of the stays completed in the FY.
 *   <li>Capacity-building activities count in the FY of {@code heldAt}, as last corrected, unless
 *       withdrawn; once for every ward of the region they served and once in the total; one that
 *       served the whole region only in the total.
 *   <li>Community issues count for the ward they were raised for, a region-wide one only in the
 *       total; open at FY end: raised before it and not closed before it; by category: raised in
 *       the FY.
 *   <li>Plan: the targets of the plan of the region and FY as last set, each with the figure of its
 *       ward (or the total); achievement = actual / target.
 * </ul>
 */
public final class StatisticsCalculator {

  /** Households active at FY end without a contact in this window before it (見守りの空白). */
  public static final Duration CONTACT_WINDOW = Duration.ofDays(180);

  /** The outcomes of an experience stay that count as a transition to life in the community. */
  public static final Set<ExperienceStayOutcome> TRANSITIONS =
      Collections.unmodifiableSet(
          EnumSet.of(
              ExperienceStayOutcome.MOVED_TO_GROUP_HOME,
              ExperienceStayOutcome.STARTED_LIVING_ALONE));

  private static final String REGISTERED = typeOf(AtRiskHouseholdRegistered.class);
  private static final String CONTACT = typeOf(HouseholdContactRecorded.class);
  private static final String REQUESTED = typeOf(EmergencyIntakeRequested.class);
  private static final String DECLINED = typeOf(EmergencyIntakeDeclined.class);
  private static final String COMPLETED = typeOf(EmergencyIntakeCompleted.class);
  private static final String OPENED = typeOf(CoSupportOpened.class);
  private static final String CLOSED = typeOf(CoSupportClosed.class);
  private static final String ACTIVITY = typeOf(CoSupportActivityRecorded.class);
  private static final String ARRANGED = typeOf(ExperienceStayArranged.class);
  private static final String STAY_COMPLETED = typeOf(ExperienceStayCompleted.class);
  private static final String RAISED = typeOf(CommunityIssueRaised.class);
  private static final String PROPOSED = typeOf(CommunityIssueProposed.class);
  private static final String ISSUE_CLOSED = typeOf(CommunityIssueClosed.class);

  static final int RATE_SCALE = 4;
  static final int MEDIAN_SCALE = 2;

  private StatisticsCalculator() {}

  private static String typeOf(Class<?> event) {
    return event.getAnnotation(EventType.class).name();
  }

  /** Only the facts of the emergency function, for callers that know no other. */
  public static FiscalYearStatistics compute(
      int fiscalYear,
      Region region,
      BusinessCalendar calendar,
      Collection<HouseholdFacts> households,
      Collection<IntakeFacts> intakes,
      Collection<CoSupportFacts> coSupports) {
    return compute(
        fiscalYear,
        region,
        calendar,
        new Facts(households, intakes, coSupports, List.of(), List.of(), List.of(), List.of()));
  }

  /** The facts of every aggregate the statistics read. */
  public record Facts(
      Collection<HouseholdFacts> households,
      Collection<IntakeFacts> intakes,
      Collection<CoSupportFacts> coSupports,
      Collection<ExperienceStayFacts> experienceStays,
      Collection<CapacityActivityFacts> capacityActivities,
      Collection<CommunityIssueFacts> communityIssues,
      Collection<AnnualPlanFacts> plans) {}

  /** The figures by the official definitions, as published. */
  public static FiscalYearStatistics compute(
      int fiscalYear, Region region, BusinessCalendar calendar, Facts facts) {
    return compute(fiscalYear, region, calendar, facts, Definitions.OFFICIAL);
  }

  /** The figures by the given definitions (a what-if replay's variant). */
  public static FiscalYearStatistics compute(
      int fiscalYear,
      Region region,
      BusinessCalendar calendar,
      Facts facts,
      Definitions definitions) {
    return compute(fiscalYear, region, calendar, facts, definitions, CountedEvents.NONE);
  }

  /**
   * The figures by the given definitions, telling {@code counted} of every event a count figure
   * counts as it counts it (the drill-down).
   */
  public static FiscalYearStatistics compute(
      int fiscalYear,
      Region region,
      BusinessCalendar calendar,
      Facts facts,
      Definitions definitions,
      CountedEvents counted) {
    Collection<HouseholdFacts> households = facts.households();
    Collection<IntakeFacts> intakes = facts.intakes();
    Collection<CoSupportFacts> coSupports = facts.coSupports();
    Map<String, Tally> wards = new LinkedHashMap<>();
    for (String ward : region.wardCodes()) {
      wards.put(ward, new Tally(ward, counted));
    }
    Tally total = new Tally(null, counted);
    Instant yearEnd = calendar.startOf(fiscalYear + 1);

    Map<String, HouseholdFacts> householdsById = new HashMap<>();
    for (HouseholdFacts h : households) {
      householdsById.put(h.householdId(), h);
      CountedEvents.Event registration =
          new CountedEvents.Event(h.householdId(), REGISTERED, h.registeredAt());
      if (h.registeredAt() != null && calendar.fiscalYearOf(h.registeredAt()) == fiscalYear) {
        count(
            wards,
            total,
            h.registeredWard(),
            t -> {
              t.registered++;
              t.saw("householdsRegistered", registration);
            });
      }
      if (h.activeBefore(yearEnd)) {
        boolean contacted = h.contactedBetween(yearEnd.minus(CONTACT_WINDOW), yearEnd);
        count(
            wards,
            total,
            h.wardBefore(yearEnd),
            t -> {
              t.activeAtYearEnd++;
              t.saw("householdsActiveAtYearEnd", registration);
              if (!contacted) {
                t.withoutContact++;
                t.saw("consultations.householdsWithoutContact180Days", registration);
              }
            });
      }
      for (HouseholdFacts.Contact contact : h.contacts()) {
        if (calendar.fiscalYearOf(contact.at()) == fiscalYear) {
          boolean outOfHours = calendar.isOutOfHours(contact.at());
          CountedEvents.Event event =
              new CountedEvents.Event(h.householdId(), CONTACT, contact.at(), contact.sequence());
          count(
              wards,
              total,
              contact.ward(),
              t -> {
                t.contacts.merge(contact.kind().name(), 1L, Long::sum);
                t.saw("consultations.contactsByKind." + contact.kind().name(), event);
                if (outOfHours) {
                  t.outOfHoursContacts++;
                  t.saw("consultations.outOfHoursContacts", event);
                }
              });
        }
      }
    }

    Map<String, List<Instant>> completionsByHousehold = new HashMap<>();
    for (IntakeFacts i : intakes) {
      if (i.completedAt() != null && i.householdId() != null) {
        completionsByHousehold
            .computeIfAbsent(i.householdId(), k -> new ArrayList<>())
            .add(i.completedAt());
      }
    }

    for (IntakeFacts i : intakes) {
      if (i.requestedAt() != null && calendar.fiscalYearOf(i.requestedAt()) == fiscalYear) {
        boolean preRegistered = isPreRegistered(i, householdsById, definitions.preRegisteredBy());
        boolean outOfHours = calendar.isOutOfHours(i.requestedAt());
        boolean reuse = isReuse(i, completionsByHousehold, definitions.reuseWindow());
        boolean placed =
            i.placedAt() != null
                && (definitions.placementsCounted() == Definitions.PlacementsCounted.ANY_TIME
                    || i.placedAt().isBefore(yearEnd));
        CountedEvents.Event request =
            new CountedEvents.Event(i.intakeId(), REQUESTED, i.requestedAt());
        count(
            wards,
            total,
            i.requestWard(),
            t -> {
              t.requested++;
              t.saw("intakesRequested", request);
              if (preRegistered) {
                t.preRegistered++;
              }
              if (outOfHours) {
                t.outOfHours++;
              }
              if (reuse) {
                t.reuse++;
                t.saw("reuseWithin180Days", request);
              }
              if (placed) {
                t.placed++;
                t.secondsToPlacement.add(
                    Duration.between(i.requestedAt(), i.placedAt()).getSeconds());
              }
            });
      }
      for (IntakeFacts.Decline d : i.declines()) {
        if (calendar.fiscalYearOf(d.at()) == fiscalYear) {
          CountedEvents.Event decline =
              new CountedEvents.Event(i.intakeId(), DECLINED, d.at(), d.sequence());
          count(
              wards,
              total,
              d.ward(),
              t -> {
                t.declines.merge(d.reason().name(), 1L, Long::sum);
                t.saw("declinesByReason." + d.reason().name(), decline);
              });
        }
      }
      if (i.completedAt() != null && calendar.fiscalYearOf(i.completedAt()) == fiscalYear) {
        CountedEvents.Event completion =
            new CountedEvents.Event(i.intakeId(), COMPLETED, i.completedAt());
        count(
            wards,
            total,
            i.completedWard(),
            t -> {
              t.completed++;
              t.outcomes.merge(i.outcome().name(), 1L, Long::sum);
              t.saw("outcomes." + i.outcome().name(), completion);
            });
      }
    }

    for (CoSupportFacts c : coSupports) {
      if (c.openedAt() != null && calendar.fiscalYearOf(c.openedAt()) == fiscalYear) {
        CountedEvents.Event opening = new CountedEvents.Event(c.caseId(), OPENED, c.openedAt());
        count(
            wards,
            total,
            c.openedWard(),
            t -> {
              t.coSupportsOpened++;
              t.saw("coSupportsOpened", opening);
            });
      }
      if (c.closedAt() != null && calendar.fiscalYearOf(c.closedAt()) == fiscalYear) {
        CountedEvents.Event closing = new CountedEvents.Event(c.caseId(), CLOSED, c.closedAt());
        count(
            wards,
            total,
            c.closedWard(),
            t -> {
              t.coSupportsClosed++;
              t.saw("coSupportsClosed", closing);
              if (c.openedAt() != null) {
                t.secondsOpen.add(Duration.between(c.openedAt(), c.closedAt()).getSeconds());
              }
            });
      }
      for (CoSupportFacts.Activity a : c.activities()) {
        if (calendar.fiscalYearOf(a.at()) == fiscalYear) {
          CountedEvents.Event activity =
              new CountedEvents.Event(c.caseId(), ACTIVITY, a.at(), a.sequence());
          count(
              wards,
              total,
              a.ward(),
              t -> {
                t.activities.merge(a.type().name(), 1L, Long::sum);
                t.saw("activitiesByType." + a.type().name(), activity);
              });
        }
      }
    }

    for (ExperienceStayFacts s : facts.experienceStays()) {
      if (s.arrangedAt() != null && calendar.fiscalYearOf(s.arrangedAt()) == fiscalYear) {
        CountedEvents.Event arranged =
            new CountedEvents.Event(s.stayId(), ARRANGED, s.arrangedAt());
        count(
            wards,
            total,
            s.arrangedWard(),
            t -> {
              t.staysArranged++;
              t.saw("experienceStays.arranged", arranged);
            });
      }
      if (s.completedAt() != null && calendar.fiscalYearOf(s.completedAt()) == fiscalYear) {
        CountedEvents.Event stay =
            new CountedEvents.Event(s.stayId(), STAY_COMPLETED, s.completedAt());
        count(
            wards,
            total,
            s.completedWard(),
            t -> {
              t.staysCompleted++;
              t.stayKinds.merge(s.kind().name(), 1L, Long::sum);
              t.stayOutcomes.merge(s.outcome().name(), 1L, Long::sum);
              t.saw("experienceStays.completed", stay);
              t.saw("experienceStays.completedByKind." + s.kind().name(), stay);
              t.saw("experienceStays.outcomes." + s.outcome().name(), stay);
              t.nightsStayed += s.nightsStayed();
            });
      }
    }

    for (CapacityActivityFacts a : facts.capacityActivities()) {
      if (a.counts() && calendar.fiscalYearOf(a.heldAt()) == fiscalYear) {
        CountedEvents.Event record =
            new CountedEvents.Event(a.activityId(), a.recordEvent(), a.recordEventAt());
        java.util.function.Consumer<Tally> add =
            t -> {
              t.capacityKinds.merge(a.kind().name(), 1L, Long::sum);
              t.saw("capacityBuilding.activitiesByKind." + a.kind().name(), record);
              a.participants()
                  .forEach((kind, n) -> t.participants.merge(kind.name(), (long) n, Long::sum));
            };
        boolean inRegion = a.wards().isEmpty();
        for (String ward : a.wards()) {
          Tally tally = wards.get(ward);
          if (tally != null) {
            add.accept(tally);
            inRegion = true;
          }
        }
        if (inRegion) {
          add.accept(total);
        }
      }
    }

    for (CommunityIssueFacts i : facts.communityIssues()) {
      if (i.raisedAt() == null) {
        continue;
      }
      CountedEvents.Event raised = new CountedEvents.Event(i.issueId(), RAISED, i.raisedAt());
      if (calendar.fiscalYearOf(i.raisedAt()) == fiscalYear) {
        countWardOrRegion(
            wards,
            total,
            i.ward(),
            t -> {
              t.issuesRaised++;
              t.issueCategories.merge(i.category().name(), 1L, Long::sum);
              t.saw("communityIssues.raised", raised);
              t.saw("communityIssues.byCategory." + i.category().name(), raised);
            });
      }
      if (i.proposedAt() != null && calendar.fiscalYearOf(i.proposedAt()) == fiscalYear) {
        CountedEvents.Event proposed =
            new CountedEvents.Event(i.issueId(), PROPOSED, i.proposedAt());
        countWardOrRegion(
            wards,
            total,
            i.ward(),
            t -> {
              t.issuesProposed++;
              t.saw("communityIssues.proposed", proposed);
            });
      }
      if (i.closedAt() != null && calendar.fiscalYearOf(i.closedAt()) == fiscalYear) {
        CountedEvents.Event closed =
            new CountedEvents.Event(i.issueId(), ISSUE_CLOSED, i.closedAt());
        countWardOrRegion(
            wards,
            total,
            i.ward(),
            t -> {
              t.issuesClosed++;
              t.saw("communityIssues.closed", closed);
            });
      }
      if (i.raisedAt().isBefore(yearEnd)
          && (i.closedAt() == null || !i.closedAt().isBefore(yearEnd))) {
        countWardOrRegion(
            wards,
            total,
            i.ward(),
            t -> {
              t.issuesOpenAtYearEnd++;
              t.saw("communityIssues.openAtYearEnd", raised);
            });
      }
    }

    Map<String, WardFigures> figures = new LinkedHashMap<>();
    wards.forEach((ward, tally) -> figures.put(ward, tally.figures()));
    WardFigures totalFigures = total.figures();
    return new FiscalYearStatistics(
        fiscalYear,
        region.code(),
        figures,
        totalFigures,
        review(planOf(facts.plans(), region.code(), fiscalYear), figures, totalFigures));
  }

  /** The plan of the region and year, or null if none was set. */
  private static AnnualPlanFacts planOf(
      Collection<AnnualPlanFacts> plans, String region, int fiscalYear) {
    for (AnnualPlanFacts plan : plans) {
      if (plan.fiscalYear() == fiscalYear && region.equals(plan.region())) {
        return plan;
      }
    }
    return null;
  }

  /** Each target beside the figure it names. */
  static List<PlanReview> review(
      AnnualPlanFacts plan, Map<String, WardFigures> wards, WardFigures total) {
    if (plan == null) {
      return List.of();
    }
    Map<String, Map<String, BigDecimal>> byWard = new HashMap<>();
    List<PlanReview> review = new ArrayList<>();
    for (AnnualPlanFacts.Target t : plan.targets()) {
      WardFigures figures = t.ward() == null ? total : wards.get(t.ward());
      BigDecimal actual =
          figures == null
              ? null
              : byWard
                  .computeIfAbsent(String.valueOf(t.ward()), k -> figures.byPath())
                  .get(t.figure());
      BigDecimal target = new BigDecimal(t.target());
      BigDecimal achievement =
          actual == null || target.signum() == 0
              ? null
              : actual.divide(target, RATE_SCALE, RoundingMode.HALF_UP);
      review.add(new PlanReview(t.ward(), t.figure(), target, actual, achievement));
    }
    return review;
  }

  static boolean isPreRegistered(
      IntakeFacts intake, Map<String, HouseholdFacts> households, Definitions.PreRegisteredBy by) {
    if (intake.householdId() == null) {
      return false;
    }
    HouseholdFacts household = households.get(intake.householdId());
    if (household == null || household.registeredAt() == null) {
      return false;
    }
    return switch (by) {
      case BUSINESS_TIME -> household.registeredAt().isBefore(intake.requestedAt());
      case RECORDED_TIME ->
          household.registeredRecordedAt() != null
              && intake.requestRecordedAt() != null
              && household.registeredRecordedAt().isBefore(intake.requestRecordedAt());
    };
  }

  static boolean isReuse(
      IntakeFacts intake, Map<String, List<Instant>> completionsByHousehold, Duration window) {
    if (intake.householdId() == null) {
      return false;
    }
    Instant from = intake.requestedAt().minus(window);
    for (Instant completed : completionsByHousehold.getOrDefault(intake.householdId(), List.of())) {
      if (!completed.isBefore(from) && completed.isBefore(intake.requestedAt())) {
        return true;
      }
    }
    return false;
  }

  /** Counts for the ward, or for the total alone when {@code ward} is null (the whole region). */
  private static void countWardOrRegion(
      Map<String, Tally> wards, Tally total, String ward, java.util.function.Consumer<Tally> add) {
    if (ward == null) {
      add.accept(total);
    } else {
      count(wards, total, ward, add);
    }
  }

  private static void count(
      Map<String, Tally> wards, Tally total, String ward, java.util.function.Consumer<Tally> add) {
    Tally tally = ward == null ? null : wards.get(ward);
    if (tally == null) {
      return;
    }
    add.accept(tally);
    add.accept(total);
  }

  /** A fraction rounded half-up to 4 decimals, or null for a zero denominator. */
  static BigDecimal rate(long numerator, long denominator) {
    if (denominator == 0) {
      return null;
    }
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
  }

  /**
   * The median of durations in seconds, in units of {@code unitSeconds}, rounded half-up to 2
   * decimals; over an even count the mean of the two middle values (computed exactly, rounded
   * once).
   */
  static BigDecimal median(List<Long> seconds, long unitSeconds) {
    if (seconds.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    int n = sorted.size();
    BigDecimal middle =
        n % 2 == 1
            ? BigDecimal.valueOf(sorted.get(n / 2))
            : BigDecimal.valueOf(sorted.get(n / 2 - 1))
                .add(BigDecimal.valueOf(sorted.get(n / 2)))
                .divide(BigDecimal.valueOf(2));
    return middle.divide(BigDecimal.valueOf(unitSeconds), MEDIAN_SCALE, RoundingMode.HALF_UP);
  }

  /** Counts of one ward (or the total) while the facts are walked. */
  private static final class Tally {
    private final String column;
    private final CountedEvents counted;

    Tally(String column, CountedEvents counted) {
      this.column = column;
      this.counted = counted;
    }

    /** Tells the listener that {@code figure} of this column just counted {@code event}. */
    void saw(String figure, CountedEvents.Event event) {
      counted.counted(column, figure, event);
    }

    long registered;
    long activeAtYearEnd;
    long requested;
    long preRegistered;
    long placed;
    long outOfHours;
    long reuse;
    long completed;
    long coSupportsOpened;
    long coSupportsClosed;
    final List<Long> secondsToPlacement = new ArrayList<>();
    final List<Long> secondsOpen = new ArrayList<>();
    final Map<String, Long> declines = new HashMap<>();
    final Map<String, Long> outcomes = new HashMap<>();
    final Map<String, Long> activities = new HashMap<>();
    final Map<String, Long> contacts = new HashMap<>();
    long outOfHoursContacts;
    long withoutContact;
    long staysArranged;
    long staysCompleted;
    long nightsStayed;
    final Map<String, Long> stayKinds = new HashMap<>();
    final Map<String, Long> stayOutcomes = new HashMap<>();
    final Map<String, Long> capacityKinds = new HashMap<>();
    final Map<String, Long> participants = new HashMap<>();
    long issuesRaised;
    long issuesProposed;
    long issuesClosed;
    long issuesOpenAtYearEnd;
    final Map<String, Long> issueCategories = new HashMap<>();

    WardFigures figures() {
      Map<String, Long> outcomeMap = everyCode(IntakeOutcome.values(), outcomes);
      Map<String, Long> stayOutcomeMap = everyCode(ExperienceStayOutcome.values(), stayOutcomes);
      long transitions = 0;
      for (ExperienceStayOutcome outcome : TRANSITIONS) {
        transitions += stayOutcomeMap.get(outcome.name());
      }
      return new WardFigures(
          registered,
          activeAtYearEnd,
          requested,
          rate(preRegistered, requested),
          rate(placed, requested),
          median(secondsToPlacement, 3600),
          rate(outOfHours, requested),
          everyCode(DeclineReason.values(), declines),
          reuse,
          outcomeMap,
          rate(outcomeMap.get(IntakeOutcome.RETURNED_HOME.name()), completed),
          coSupportsOpened,
          coSupportsClosed,
          median(secondsOpen, 86_400),
          everyCode(ActivityType.values(), activities),
          new WardFigures.Consultations(
              everyCode(ContactKind.values(), contacts), outOfHoursContacts, withoutContact),
          new WardFigures.ExperienceStays(
              staysArranged,
              staysCompleted,
              everyCode(ExperienceStayKind.values(), stayKinds),
              stayOutcomeMap,
              rate(transitions, staysCompleted),
              nightsStayed),
          new WardFigures.CapacityBuilding(
              everyCode(CapacityActivityKind.values(), capacityKinds),
              everyCode(ParticipantKind.values(), participants)),
          new WardFigures.CommunityIssues(
              issuesRaised,
              issuesProposed,
              issuesClosed,
              issuesOpenAtYearEnd,
              everyCode(CommunityIssueCategory.values(), issueCategories)));
    }

    private static Map<String, Long> everyCode(Enum<?>[] codes, Map<String, Long> counts) {
      Map<String, Long> all = new LinkedHashMap<>();
      for (Enum<?> code : codes) {
        all.put(code.name(), counts.getOrDefault(code.name(), 0L));
      }
      return Collections.unmodifiableMap(all);
    }
  }
}
