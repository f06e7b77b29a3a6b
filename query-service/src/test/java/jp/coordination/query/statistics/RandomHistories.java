package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.query.TestEvents;

/**
 * Valid event histories (every aggregate obeys DOMAIN.md's state rules) over FY2024–FY2026, with
 * times that cross fiscal-year edges, office hours and the 180-day re-use window. Returned per
 * aggregate, in each aggregate's own order.
 */
public final class RandomHistories {

  public static final List<String> WARDS = List.of("AOBA", "MIYAGINO", "WAKABAYASHI", "TAIHAKU", "IZUMI");
  private static final Instant START = jst("2024-03-01T00:00");
  private static final long SPAN_MINUTES = Duration.ofDays(900).toMinutes();

  private RandomHistories() {}

  public static Map<String, List<EventEnvelope>> generate(long seed, int households, int intakes, int cases) {
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
        if (random.nextBoolean()) {
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
      s.add(events.wrap(new EmergencyIntakeRequested(id, ward, household,
          pick(random, List.of(IntakeTrigger.values())), List.of()), at));
      int declines = random.nextInt(3);
      for (int k = 0; k < declines; k++) {
        at = soon(random, at);
        s.add(events.wrap(new EmergencyIntakeDeclined(id, ward, "f" + k,
            pick(random, List.of(DeclineReason.values()))), at));
      }
      switch (random.nextInt(4)) {
        case 0 -> s.add(events.intakeCancelled(id, ward, soon(random, at)));
        case 1 -> { /* still requested */ }
        default -> {
          at = soon(random, at);
          s.add(events.intakePlaced(id, ward, "f1", at));
          if (random.nextInt(3) > 0) {
            s.add(events.wrap(new EmergencyIntakeCompleted(id, ward, household,
                pick(random, List.of(IntakeOutcome.values()))), later(random, at)));
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
        s.add(events.wrap(new CoSupportActivityRecorded(id, ward,
            pick(random, List.of(ActivityType.values()))), at));
      }
      if (random.nextBoolean()) {
        s.add(events.coSupportClosed(id, ward, later(random, at)));
      }
      streams.put(id, s);
    }
    return streams;
  }

  private static Instant time(Random random) {
    return START.plus(Duration.ofMinutes((long) (random.nextDouble() * SPAN_MINUTES)));
  }

  private static Instant clustered(Random random, String household) {
    Instant centre =
        START.plus(Duration.ofMinutes(Math.floorMod(household.hashCode() * 7919L, SPAN_MINUTES)));
    return centre.plus(Duration.ofDays(random.nextInt(400) - 200)).plusSeconds(random.nextInt(3600));
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
