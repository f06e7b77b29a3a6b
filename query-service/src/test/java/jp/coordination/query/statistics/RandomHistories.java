package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanFigures;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.query.TestEvents;

/**
 * Valid event histories (every aggregate obeys DOMAIN.md's state rules) over FY2024–FY2026, with
 * times that cross fiscal-year edges, office hours and the 180-day re-use window. Returned per
 * aggregate, in each aggregate's own order.
 */
public final class RandomHistories {

  public static final List<String> WARDS =
      List.of("AOBA", "MIYAGINO", "WAKABAYASHI", "TAIHAKU", "IZUMI");
  private static final Instant START = jst("2024-03-01T00:00");
  private static final long SPAN_MINUTES = Duration.ofDays(900).toMinutes();

  private RandomHistories() {}

  public static Map<String, List<EventEnvelope>> generate(
      long seed, int households, int intakes, int cases) {
    return generate(seed, households, intakes, cases, 0);
  }

  /**
   * Also {@code hub} of each of the hub's other records: experience stays, capacity-building
   * activities (some corrected into another ward or year, some withdrawn), community issues (some
   * region-wide), contacts with the registered households, and a plan per fiscal year (some set
   * twice).
   */
  public static Map<String, List<EventEnvelope>> generate(
      long seed, int households, int intakes, int cases, int hub) {
    Random random = new Random(seed);
    TestEvents events = new TestEvents();
    Map<String, List<EventEnvelope>> streams = new LinkedHashMap<>();
    List<String> householdIds = new ArrayList<>();
    for (int n = 0; n < households; n++) {
      String id = "h" + n;
      householdIds.add(id);
      List<EventEnvelope> s = new ArrayList<>();
      String ward = pick(random, WARDS);
      Instant at = time(random);
      s.add(events.householdRegistered(id, ward, at));
      int steps = random.nextInt(4);
      for (int k = 0; k < steps; k++) {
        at = later(random, at);
        if (hub > 0 && random.nextInt(3) == 0) {
          s.add(
              events.wrap(
                  new HouseholdContactRecorded(
                      id,
                      ward,
                      pick(random, List.of(ContactKind.values())),
                      pick(random, List.of(ContactChannel.values())),
                      "office-1"),
                  at));
        } else if (random.nextBoolean()) {
          String from = ward;
          String to = pick(random, WARDS.stream().filter(w -> !w.equals(from)).toList());
          s.add(events.householdMoved(id, ward, to, at));
          ward = to;
        } else {
          s.add(events.householdReassessed(id, ward, at));
        }
      }
      if (random.nextInt(3) == 0) {
        s.add(events.householdDeregistered(id, ward, later(random, at)));
      }
      streams.put(id, s);
    }
    for (int n = 0; n < intakes; n++) {
      String id = "i" + n;
      List<EventEnvelope> s = new ArrayList<>();
      String ward = pick(random, WARDS);
      String household =
          switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "unregistered-" + random.nextInt(3);
            default -> householdIds.isEmpty() ? null : pick(random, householdIds);
          };
      // Requests of one household cluster in time, so re-use within 180 days happens.
      Instant at = household == null ? time(random) : clustered(random, household);
      s.add(
          events.wrap(
              new EmergencyIntakeRequested(
                  id, ward, household, pick(random, List.of(IntakeTrigger.values())), List.of()),
              at));
      int declines = random.nextInt(3);
      for (int k = 0; k < declines; k++) {
        at = soon(random, at);
        s.add(
            events.wrap(
                new EmergencyIntakeDeclined(
                    id, ward, "f" + k, pick(random, List.of(DeclineReason.values()))),
                at));
      }
      switch (random.nextInt(4)) {
        case 0 -> s.add(events.intakeCancelled(id, ward, soon(random, at)));
        case 1 -> {
          /* still requested */
        }
        default -> {
          at = soon(random, at);
          s.add(events.intakePlaced(id, ward, "f1", at));
          if (random.nextInt(3) > 0) {
            s.add(
                events.wrap(
                    new EmergencyIntakeCompleted(
                        id, ward, household, pick(random, List.of(IntakeOutcome.values()))),
                    later(random, at)));
          }
        }
      }
      streams.put(id, s);
    }
    for (int n = 0; n < cases; n++) {
      String id = "c" + n;
      List<EventEnvelope> s = new ArrayList<>();
      String ward = pick(random, WARDS);
      Instant at = time(random);
      s.add(events.coSupportOpened(id, ward, at));
      int activities = random.nextInt(4);
      for (int k = 0; k < activities; k++) {
        at = soon(random, at);
        s.add(
            events.wrap(
                new CoSupportActivityRecorded(
                    id, ward, pick(random, List.of(ActivityType.values()))),
                at));
      }
      if (random.nextBoolean()) {
        s.add(events.coSupportClosed(id, ward, later(random, at)));
      }
      streams.put(id, s);
    }
    for (int n = 0; n < hub; n++) {
      streams.put("s" + n, stay(random, events, "s" + n, householdIds));
      streams.put("a" + n, activity(random, events, "a" + n));
      streams.put("p" + n, issue(random, events, "p" + n));
    }
    if (hub > 0) {
      for (int year = 2024; year <= 2026; year++) {
        String planId = AnnualPlanSet.planIdOf(StatisticsCalculatorTest.REGION.code(), year);
        List<EventEnvelope> s = new ArrayList<>();
        int sets = 1 + random.nextInt(2);
        Instant at = jst(year + "-03-15T10:00");
        for (int k = 0; k < sets; k++) {
          List<PlanTarget> targets = new ArrayList<>();
          List<String> figures = new ArrayList<>(PlanFigures.all());
          java.util.Collections.shuffle(figures, random);
          for (String figure : figures.subList(0, 1 + random.nextInt(6))) {
            BigDecimal target =
                PlanFigures.isFraction(figure)
                    ? BigDecimal.valueOf(random.nextInt(101), 2)
                    : BigDecimal.valueOf(random.nextInt(40));
            targets.add(
                new PlanTarget(
                    random.nextInt(3) == 0 ? null : pick(random, WARDS), figure, target));
          }
          // Unique per ward and figure, as the command side requires.
          Map<String, PlanTarget> unique = new LinkedHashMap<>();
          targets.forEach(t -> unique.putIfAbsent(t.ward() + "/" + t.figure(), t));
          s.add(
              events.wrap(
                  new AnnualPlanSet(
                      planId,
                      null,
                      StatisticsCalculatorTest.REGION.code(),
                      year,
                      List.copyOf(unique.values())),
                  at));
          at = at.plus(Duration.ofDays(30 + random.nextInt(300)));
        }
        streams.put(planId, s);
      }
    }
    return streams;
  }

  private static List<EventEnvelope> stay(
      Random random, TestEvents events, String id, List<String> householdIds) {
    List<EventEnvelope> s = new ArrayList<>();
    String ward = pick(random, WARDS);
    ExperienceStayKind kind = pick(random, List.of(ExperienceStayKind.values()));
    Instant at = time(random);
    LocalDate first = at.atZone(TestEvents.TOKYO).toLocalDate().plusDays(random.nextInt(40));
    LocalDate last = first.plusDays(random.nextInt(8));
    s.add(
        events.wrap(
            new ExperienceStayArranged(
                id,
                ward,
                kind,
                householdIds.isEmpty() || random.nextBoolean() ? null : pick(random, householdIds),
                null,
                first,
                last),
            at));
    switch (random.nextInt(4)) {
      case 0 -> s.add(events.wrap(new ExperienceStayCancelled(id, ward, "体調不良"), soon(random, at)));
      case 1 -> {
        /* still arranged */
      }
      default -> {
        at = later(random, at);
        s.add(events.wrap(new ExperienceStayStarted(id, ward), at));
        if (random.nextInt(3) > 0) {
          s.add(
              events.wrap(
                  new ExperienceStayCompleted(
                      id,
                      ward,
                      kind,
                      random.nextInt(8),
                      pick(random, List.of(ExperienceStayOutcome.values()))),
                  soon(random, at)));
        }
      }
    }
    return s;
  }

  private static List<String> someWards(Random random) {
    List<String> wards = new ArrayList<>();
    for (String ward : WARDS) {
      if (random.nextInt(3) == 0) {
        wards.add(ward);
      }
    }
    if (random.nextInt(4) == 0) {
      wards.add("NOWHERE"); // a ward the region does not have counts nowhere
    }
    return wards;
  }

  private static Map<ParticipantKind, Integer> participants(Random random) {
    Map<ParticipantKind, Integer> participants = new java.util.EnumMap<>(ParticipantKind.class);
    for (ParticipantKind kind : ParticipantKind.values()) {
      if (random.nextBoolean()) {
        participants.put(kind, 1 + random.nextInt(20));
      }
    }
    return participants;
  }

  private static List<EventEnvelope> activity(Random random, TestEvents events, String id) {
    List<EventEnvelope> s = new ArrayList<>();
    Instant heldAt = time(random);
    List<String> wards = someWards(random);
    // Recorded up to a month after it was held, so across a fiscal year's end now and then.
    Instant at = heldAt.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
    s.add(
        events.wrap(
            new CapacityActivityRecorded(
                id,
                CapacityActivityEvent.wardOf(wards),
                pick(random, List.of(CapacityActivityKind.values())),
                wards,
                pick(random, List.of(Organiser.values())),
                heldAt,
                participants(random),
                "研修"),
            at));
    if (random.nextInt(3) == 0) {
      List<String> corrected = someWards(random);
      Instant correctedHeldAt = heldAt.plus(Duration.ofDays(random.nextInt(120) - 60));
      at = soon(random, at);
      s.add(
          events.wrap(
              new CapacityActivityCorrected(
                  id,
                  CapacityActivityEvent.wardOf(corrected),
                  pick(random, List.of(CapacityActivityKind.values())),
                  corrected,
                  pick(random, List.of(Organiser.values())),
                  correctedHeldAt,
                  participants(random),
                  "研修（訂正）"),
              at));
      wards = corrected;
    }
    if (random.nextInt(5) == 0) {
      s.add(
          events.wrap(
              new CapacityActivityWithdrawn(id, CapacityActivityEvent.wardOf(wards), "記録誤り"),
              soon(random, at)));
    }
    return s;
  }

  private static List<EventEnvelope> issue(Random random, TestEvents events, String id) {
    List<EventEnvelope> s = new ArrayList<>();
    String ward = random.nextInt(3) == 0 ? null : pick(random, WARDS);
    Instant at = time(random);
    s.add(
        events.wrap(
            new CommunityIssueRaised(
                id,
                ward,
                pick(random, List.of(CommunityIssueCategory.values())),
                "課題",
                pick(random, List.of(CommunityIssueSource.values()))),
            at));
    int stage = random.nextInt(4);
    if (stage >= 1) {
      int meetings = 1 + random.nextInt(2);
      for (int k = 0; k < meetings; k++) {
        at = later(random, at);
        s.add(
            events.wrap(
                new CommunityIssueDiscussed(id, ward, at.atZone(TestEvents.TOKYO).toLocalDate()),
                at));
      }
    }
    if (stage >= 2) {
      at = later(random, at);
      s.add(events.wrap(new CommunityIssueProposed(id, ward, "障害者支援課"), at));
    }
    if (stage >= 3) {
      at = later(random, at);
      s.add(
          events.wrap(
              new CommunityIssueClosed(
                  id, ward, pick(random, List.of(CommunityIssueResolution.values())), "対応済み"),
              at));
    }
    return s;
  }

  private static Instant time(Random random) {
    return START.plus(Duration.ofMinutes((long) (random.nextDouble() * SPAN_MINUTES)));
  }

  private static Instant clustered(Random random, String household) {
    Instant centre =
        START.plus(Duration.ofMinutes(Math.floorMod(household.hashCode() * 7919L, SPAN_MINUTES)));
    return centre
        .plus(Duration.ofDays(random.nextInt(400) - 200))
        .plusSeconds(random.nextInt(3600));
  }

  private static Instant soon(Random random, Instant at) {
    return at.plus(Duration.ofMinutes(1 + random.nextInt(48 * 60)));
  }

  private static Instant later(Random random, Instant at) {
    return at.plus(Duration.ofMinutes(1 + random.nextInt(200 * 24 * 60)));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
