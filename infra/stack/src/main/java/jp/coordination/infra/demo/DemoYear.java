package jp.coordination.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A realistic fiscal year 2024 (令和6年度) of Sendai's five wards as a precomputed list of commands:
 * at-risk households registered (some reassessed or deregistered), emergency intakes requested
 * (some out of hours, some for unregistered households, a few re-uses within 180 days of a
 * completed intake), declined with reasons, placed, completed or cancelled, co-support cases with
 * activities, facilities declaring their beds; and the hub's other functions: contacts with the
 * registered households (①), a few dozen experience stays (③), monthly trainings and case review
 * meetings with other capacity-building activities (④⑤), a handful of community issues, most raised
 * from intake declines (⑤), and the year's plan (事業計画). Volumes per ward follow the wards'
 * populations.
 *
 * <p>Everything comes from the seed: ids are name-based UUIDs of the seed and a counter, business
 * times lie in FY2024, so the same seed and scale give the same commands, byte for byte, and the
 * services (which take client ids and business times as given) the same events.
 */
public final class DemoYear {

  public static final long DEFAULT_SEED = 20240401L;
  public static final int FISCAL_YEAR = 2024;
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final ZonedDateTime START = LocalDate.of(2024, 4, 1).atStartOfDay(TOKYO);
  static final ZonedDateTime END = LocalDate.of(2025, 4, 1).atStartOfDay(TOKYO);

  /** Wards with their populations (thousands, rounded): the volume weights. */
  static final Map<String, Integer> POPULATION = new LinkedHashMap<>();

  static final Map<String, String> KANJI = new LinkedHashMap<>();

  static {
    POPULATION.put("AOBA", 315);
    POPULATION.put("MIYAGINO", 195);
    POPULATION.put("WAKABAYASHI", 140);
    POPULATION.put("TAIHAKU", 235);
    POPULATION.put("IZUMI", 210);
    KANJI.put("AOBA", "青葉区");
    KANJI.put("MIYAGINO", "宮城野区");
    KANJI.put("WAKABAYASHI", "若林区");
    KANJI.put("TAIHAKU", "太白区");
    KANJI.put("IZUMI", "泉区");
  }

  /**
   * Public holidays of FY2024 (out of hours all day), as the query-service's default list has them.
   */
  static final Set<LocalDate> HOLIDAYS =
      Set.of(
          LocalDate.of(2024, 4, 29),
          LocalDate.of(2024, 5, 3),
          LocalDate.of(2024, 5, 4),
          LocalDate.of(2024, 5, 5),
          LocalDate.of(2024, 5, 6),
          LocalDate.of(2024, 7, 15),
          LocalDate.of(2024, 8, 11),
          LocalDate.of(2024, 8, 12),
          LocalDate.of(2024, 9, 16),
          LocalDate.of(2024, 9, 22),
          LocalDate.of(2024, 9, 23),
          LocalDate.of(2024, 10, 14),
          LocalDate.of(2024, 11, 3),
          LocalDate.of(2024, 11, 4),
          LocalDate.of(2024, 11, 23),
          LocalDate.of(2025, 1, 1),
          LocalDate.of(2025, 1, 13),
          LocalDate.of(2025, 2, 11),
          LocalDate.of(2025, 2, 23),
          LocalDate.of(2025, 2, 24),
          LocalDate.of(2025, 3, 20));

  static final int HOUSEHOLDS = 250;
  static final int INTAKES = 180;
  static final int CO_SUPPORTS = 90;
  static final int FACILITIES = 20;

  /** Share of intakes that are re-uses within 180 days of a completed one. */
  static final double REUSE_SHARE = 0.04;

  private static final String[] RISK_FACTORS = {
    "CAREGIVER_AGED", "CAREGIVER_AGED", "CAREGIVER_AGED", "CAREGIVER_ILL", "SINGLE_CAREGIVER",
    "LIVES_ALONE", "CONDITION_FLUCTUATES", "ISOLATED", "HOUSING_INSTABILITY", "ABUSE_RISK",
    "DISASTER_VULNERABLE"
  };
  private static final String[] DISABILITIES = {
    "INTELLECTUAL",
    "INTELLECTUAL",
    "PHYSICAL",
    "PSYCHIATRIC",
    "DEVELOPMENTAL",
    "INTRACTABLE_DISEASE"
  };
  private static final String[] NEEDS = {
    "MEDICAL_CARE", "BEHAVIOURAL_SUPPORT", "WHEELCHAIR", "FEMALE_STAFF", "PSYCHIATRIC_CARE"
  };
  private static final String[] TRIGGERS = {
    "CAREGIVER_SUDDEN_ILLNESS",
    "CAREGIVER_SUDDEN_ILLNESS",
    "CAREGIVER_SUDDEN_ILLNESS",
    "CAREGIVER_DEATH",
    "CONDITION_CHANGE",
    "CONDITION_CHANGE",
    "ABUSE",
    "DISASTER",
    "HOUSING_LOSS",
    "OTHER"
  };
  private static final String[] DECLINES = {
    "NO_BED",
    "NO_BED",
    "NO_BED",
    "INSUFFICIENT_INFORMATION",
    "INSUFFICIENT_INFORMATION",
    "CANNOT_MEET_MEDICAL_NEEDS",
    "CANNOT_MEET_BEHAVIOURAL_NEEDS",
    "STAFF_SHORTAGE",
    "OTHER"
  };
  private static final String[] OUTCOMES = {
    "RETURNED_HOME",
    "RETURNED_HOME",
    "RETURNED_HOME",
    "RETURNED_HOME",
    "GROUP_HOME",
    "GROUP_HOME",
    "RESIDENTIAL_FACILITY",
    "HOSPITAL",
    "OTHER"
  };
  private static final String[] DIFFICULTIES = {
    "SUPPORT_REFUSAL",
    "MULTI_PROBLEM_HOUSEHOLD",
    "MULTI_PROBLEM_HOUSEHOLD",
    "BEHAVIOURAL",
    "MEDICAL",
    "ABUSE",
    "HOUSING",
    "LIFE_STAGE_TRANSITION",
    "OTHER"
  };
  private static final String[] ACTIVITIES = {
    "JOINT_VISIT",
    "JOINT_VISIT",
    "CASE_CONFERENCE",
    "CASE_CONFERENCE",
    "EXPERT_ADVICE",
    "GROUP_SUPERVISION",
    "CASE_REVIEW"
  };
  private static final String[] CLOSURES = {
    "OFFICE_CONTINUES_ALONE",
    "OFFICE_CONTINUES_ALONE",
    "OFFICE_CONTINUES_ALONE",
    "TRANSFERRED",
    "ESCALATED",
    "ENDED_OTHER"
  };
  private static final String[] DEREGISTRATIONS = {
    "MOVED_OUT_OF_REGION", "DECEASED", "NO_LONGER_AT_RISK", "CONSENT_WITHDRAWN"
  };
  private static final String[] SURNAMES = {
    "佐藤", "高橋", "鈴木", "伊藤", "渡辺", "斎藤", "千葉", "菅原", "佐々木", "阿部", "遠藤", "後藤", "及川", "三浦"
  };
  private static final String[] GIVEN = {
    "一郎", "花子", "健太", "美咲", "翔", "陽菜", "大輔", "結衣", "誠", "愛", "拓海", "さくら"
  };
  private static final String[] FACILITY_NAMES = {
    "ショートステイけやき",
    "ケアホームひまわり",
    "短期入所さくら",
    "グループホームあおば",
    "ショートステイみどり",
    "ケアセンターあさひ",
    "短期入所ゆうかり",
    "ホームつばさ"
  };

  private final ObjectMapper json = new ObjectMapper();
  private final long seed;
  private final double scale;
  private final Random random;
  private final List<DemoCommand> commands = new ArrayList<>();
  private final DemoTotals totals = new DemoTotals();
  private long counter;

  private DemoYear(long seed, double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive, not " + scale);
    }
    this.seed = seed;
    this.scale = scale;
    this.random = new Random(seed);
  }

  /** The demo year of this seed, {@code scale} times the volumes (1 = the realistic year). */
  public static DemoPlan generate(long seed, double scale) {
    DemoYear year = new DemoYear(seed, scale);
    year.build();
    List<DemoCommand> ordered = new ArrayList<>(year.commands);
    // Stable: commands of one aggregate at the same instant keep their order.
    ordered.sort(Comparator.comparing(DemoCommand::at));
    return new DemoPlan(seed, scale, List.copyOf(ordered), year.totals);
  }

  /** The demo year as the local run loads it. */
  public static DemoPlan standard() {
    return generate(DEFAULT_SEED, 1.0);
  }

  // ---------------------------------------------------------------- the year

  private record Facility(String id, String ward, List<String> capabilities, int beds) {}

  private record Household(
      String id, String ward, Instant registeredAt, boolean child, List<String> needs) {}

  private void build() {
    for (String ward : POPULATION.keySet()) {
      totals.ward(ward);
    }
    List<Facility> facilities = facilities();
    List<Household> households = households();
    intakes(facilities, households);
    coSupports(households);
    availability(facilities);
    // The hub's other functions come last, so the seed gives the emergency function's commands
    // exactly as before they were added.
    contacts(households);
    experienceStays(facilities);
    capacityActivities();
    communityIssues();
    plan();
  }

  private List<Facility> facilities() {
    List<Facility> result = new ArrayList<>();
    Map<String, Integer> perWard = allocate(FACILITIES);
    int n = 0;
    for (Map.Entry<String, Integer> entry : perWard.entrySet()) {
      String ward = entry.getKey();
      for (int i = 0; i < entry.getValue(); i++, n++) {
        String id = id("facility");
        List<String> capabilities = new ArrayList<>();
        if (random.nextDouble() < 0.6) capabilities.add("WHEELCHAIR");
        if (random.nextDouble() < 0.25) capabilities.add("MEDICAL_CARE");
        if (random.nextDouble() < 0.25) capabilities.add("BEHAVIOURAL_SUPPORT");
        if (random.nextDouble() < 0.15) capabilities.add("FEMALE_ONLY");
        if (random.nextDouble() < 0.2) capabilities.add("CHILD");
        int beds = 1 + random.nextInt(4);
        String kind = random.nextDouble() < 0.7 ? "SHORT_STAY" : "GROUP_HOME";
        String name =
            KANJI.get(ward).replace("区", "")
                + FACILITY_NAMES[n % FACILITY_NAMES.length]
                + (n >= FACILITY_NAMES.length ? " " + (n / FACILITY_NAMES.length + 1) : "");
        // Registered in the first minutes of the year, before any intake can name them.
        ObjectNode body = body(id, START.plusSeconds(n).toInstant());
        body.put("name", name).put("ward", ward).put("kind", kind).put("emergencyBeds", beds);
        array(body, "capabilities", capabilities);
        add("/api/facilities", body, 201);
        result.add(new Facility(id, ward, capabilities, beds));
        DemoTotals.Ward w = totals.ward(ward);
        w.facilities++;
        w.emergencyBedsAvailableAtYearEnd += beds;
      }
    }
    return result;
  }

  private List<Household> households() {
    List<Household> result = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : allocate(HOUSEHOLDS).entrySet()) {
      String ward = entry.getKey();
      for (int i = 0; i < entry.getValue(); i++) {
        String id = id("household");
        Instant at = businessHours(START.toInstant(), END.toInstant().minus(Duration.ofDays(20)));
        boolean child = random.nextDouble() < 0.12;
        List<String> factors = pick(RISK_FACTORS, 1 + random.nextInt(3));
        List<String> needs =
            random.nextDouble() < 0.5 ? List.of() : pick(NEEDS, 1 + random.nextInt(2));
        ObjectNode body = body(id, at);
        body.put("ward", ward);
        array(body, "riskFactors", factors);
        array(body, "disabilityTypes", pick(DISABILITIES, 1 + random.nextInt(2)));
        body.put("child", child);
        array(body, "supportNeeds", needs);
        body.put("consentAt", time(at.minus(Duration.ofDays(1 + random.nextInt(20)))));
        ObjectNode person = body.putObject("person");
        person.put(
            "name",
            SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]);
        person.put(
            "address",
            "仙台市" + KANJI.get(ward) + (1 + random.nextInt(9)) + "-" + (1 + random.nextInt(30)));
        person.put(
            "phone", "022-" + (200 + random.nextInt(700)) + "-" + (1000 + random.nextInt(9000)));
        person.put("birthYear", child ? 2008 + random.nextInt(15) : 1940 + random.nextInt(65));
        add("/api/households", body, 201);
        DemoTotals.Ward w = totals.ward(ward);
        w.householdsRegistered++;
        w.householdsActiveAtYearEnd++;
        Household household = new Household(id, ward, at, child, needs);
        double fate = random.nextDouble();
        if (fate < 0.10) {
          ObjectNode reassess = body(null, later(at, 10, 90));
          array(reassess, "riskFactors", pick(RISK_FACTORS, 1 + random.nextInt(3)));
          array(reassess, "supportNeeds", needs);
          add("/api/households/" + id + "/reassessments", reassess, 200);
        } else if (fate < 0.16) {
          ObjectNode deregister = body(null, later(at, 15, 200));
          deregister.put("reason", DEREGISTRATIONS[random.nextInt(DEREGISTRATIONS.length)]);
          add("/api/households/" + id + "/deregistration", deregister, 200);
          w.householdsActiveAtYearEnd--;
          continue; // no intakes for a deregistered household
        }
        result.add(household);
      }
    }
    return result;
  }

  private void intakes(List<Facility> facilities, List<Household> households) {
    Map<String, Integer> perWard = allocate(INTAKES);
    int total = perWard.values().stream().mapToInt(Integer::intValue).sum();
    int reuses = (int) Math.round(total * REUSE_SHARE);
    // Re-uses are taken from the wards' own volumes, so per-ward totals stay proportional.
    Map<String, List<Household>> byWard = new LinkedHashMap<>();
    for (Household h : households) {
      byWard.computeIfAbsent(h.ward(), w -> new ArrayList<>()).add(h);
    }
    List<Completed> completedWithHousehold = new ArrayList<>();
    int reuseBudget = reuses;
    Map<String, Integer> firstRequests = new LinkedHashMap<>();
    int taken = 0;
    for (Map.Entry<String, Integer> entry : perWard.entrySet()) {
      int share = (int) Math.round((double) reuses * entry.getValue() / total);
      share = Math.min(share, reuseBudget - taken);
      taken += share;
      firstRequests.put(entry.getKey(), entry.getValue() - share);
    }
    Map<String, Integer> reusesPerWard = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : perWard.entrySet()) {
      reusesPerWard.put(entry.getKey(), entry.getValue() - firstRequests.get(entry.getKey()));
    }
    for (Map.Entry<String, Integer> entry : firstRequests.entrySet()) {
      String ward = entry.getKey();
      List<Household> candidates = byWard.getOrDefault(ward, List.of());
      for (int i = 0; i < entry.getValue(); i++) {
        Household household = null;
        if (!candidates.isEmpty() && random.nextDouble() < 0.62) {
          household = candidates.get(random.nextInt(candidates.size()));
        }
        Instant from =
            household == null
                ? START.toInstant()
                : household.registeredAt().plus(Duration.ofDays(1));
        Instant at = requestTime(from, END.toInstant().minus(Duration.ofDays(3)));
        Completed completed = intake(ward, household, at, facilities, false);
        if (completed != null && household != null) {
          completedWithHousehold.add(completed);
        }
      }
    }
    // Re-use: a household comes back within 180 days of its completed intake (再利用).
    for (Map.Entry<String, Integer> entry : reusesPerWard.entrySet()) {
      String ward = entry.getKey();
      List<Completed> eligible =
          completedWithHousehold.stream()
              .filter(c -> c.household().ward().equals(ward))
              .filter(
                  c ->
                      c.completedAt()
                          .plus(Duration.ofDays(30))
                          .isBefore(END.toInstant().minus(Duration.ofDays(3))))
              .toList();
      for (int i = 0; i < entry.getValue(); i++) {
        if (eligible.isEmpty()) {
          // No completed intake to come back after: an ordinary first request instead.
          intake(
              ward,
              null,
              requestTime(START.toInstant(), END.toInstant().minus(Duration.ofDays(3))),
              facilities,
              false);
          continue;
        }
        Completed previous = eligible.get(i % eligible.size());
        Instant latest =
            min(
                previous.completedAt().plus(Duration.ofDays(170)),
                END.toInstant().minus(Duration.ofDays(3)));
        Instant at = requestTime(previous.completedAt().plus(Duration.ofDays(7)), latest);
        intake(ward, previous.household(), at, facilities, true);
      }
    }
  }

  private record Completed(Household household, Instant completedAt) {}

  /** One intake's life; returns its completion if it completed with a household. */
  private Completed intake(
      String ward, Household household, Instant at, List<Facility> facilities, boolean reuse) {
    String id = id("intake");
    List<String> needs =
        household != null
            ? household.needs()
            : (random.nextDouble() < 0.6 ? List.of() : pick(NEEDS, 1));
    ObjectNode body = body(id, at);
    body.put("ward", ward);
    if (household != null) {
      body.put("householdId", household.id());
    }
    body.put("trigger", TRIGGERS[random.nextInt(TRIGGERS.length)]);
    array(body, "supportNeeds", needs);
    add("/api/intakes", body, 201);
    DemoTotals.Ward w = totals.ward(ward);
    w.intakesRequested++;
    if (household == null) {
      w.intakesFromUnregisteredHouseholds++;
    }
    if (reuse) {
      w.intakesReusedWithin180Days++;
    }
    if (isOutOfHours(at)) {
      w.intakesOutOfHours++;
    }
    Instant now = at;
    int declines = random.nextDouble() < 0.45 ? 1 + random.nextInt(3) : 0;
    for (int i = 0; i < declines; i++) {
      now = now.plus(Duration.ofMinutes(20 + random.nextInt(180)));
      ObjectNode decline = body(null, now);
      decline.put("facilityId", facilities.get(random.nextInt(facilities.size())).id());
      decline.put("reason", DECLINES[random.nextInt(DECLINES.length)]);
      add("/api/intakes/" + id + "/declines", decline, 200);
      w.declines++;
    }
    double fate = random.nextDouble();
    if (fate < 0.07) {
      ObjectNode cancel = body(null, now.plus(Duration.ofHours(1 + random.nextInt(12))));
      cancel.put("reason", "家族の回復により不要となった");
      add("/api/intakes/" + id + "/cancellation", cancel, 200);
      w.intakesCancelled++;
      return null;
    }
    Instant placedAt = now.plus(Duration.ofMinutes(60 + random.nextInt(60 * 40)));
    if (fate < 0.11 || !placedAt.isBefore(END.toInstant())) {
      w.intakesOpenAtYearEnd++;
      return null;
    }
    ObjectNode place = body(null, placedAt);
    place.put("facilityId", facilityFor(ward, needs, facilities).id());
    add("/api/intakes/" + id + "/placement", place, 200);
    w.intakesPlaced++;
    Instant completedAt =
        placedAt.plus(Duration.ofHours(24 * (3 + random.nextInt(12)) + random.nextInt(8)));
    if (random.nextDouble() < 0.08 || !completedAt.isBefore(END.toInstant())) {
      w.intakesInPlacementAtYearEnd++;
      return null;
    }
    ObjectNode complete = body(null, completedAt);
    complete.put("outcome", OUTCOMES[random.nextInt(OUTCOMES.length)]);
    add("/api/intakes/" + id + "/completion", complete, 200);
    w.intakesCompleted++;
    return household == null ? null : new Completed(household, completedAt);
  }

  /** A facility of the ward covering the needs if there is one, else one anywhere, else any. */
  private Facility facilityFor(String ward, List<String> needs, List<Facility> facilities) {
    List<String> required =
        needs.stream()
            .map(n -> n.equals("FEMALE_STAFF") ? "FEMALE_ONLY" : n)
            .filter(n -> !n.equals("PSYCHIATRIC_CARE"))
            .toList();
    List<Facility> covering =
        facilities.stream().filter(f -> f.capabilities().containsAll(required)).toList();
    List<Facility> near = covering.stream().filter(f -> f.ward().equals(ward)).toList();
    List<Facility> from = !near.isEmpty() ? near : !covering.isEmpty() ? covering : facilities;
    return from.get(random.nextInt(from.size()));
  }

  private void coSupports(List<Household> households) {
    int officeCount = 4;
    for (Map.Entry<String, Integer> entry : allocate(CO_SUPPORTS).entrySet()) {
      String ward = entry.getKey();
      List<Household> own = households.stream().filter(h -> h.ward().equals(ward)).toList();
      for (int i = 0; i < entry.getValue(); i++) {
        String id = id("cosupport");
        Instant at = businessHours(START.toInstant(), END.toInstant().minus(Duration.ofDays(10)));
        ObjectNode body = body(id, at);
        body.put("ward", ward);
        body.put("officeId", ward.toLowerCase() + "-soudan-" + (1 + random.nextInt(officeCount)));
        if (!own.isEmpty() && random.nextDouble() < 0.4) {
          Household h = own.get(random.nextInt(own.size()));
          if (h.registeredAt().isBefore(at)) {
            body.put("householdId", h.id());
          }
        }
        array(body, "difficulties", pick(DIFFICULTIES, 1 + random.nextInt(3)));
        add("/api/cosupports", body, 201);
        DemoTotals.Ward w = totals.ward(ward);
        w.coSupportsOpened++;
        Instant now = at;
        int activities = 1 + random.nextInt(5);
        for (int a = 0; a < activities; a++) {
          Instant next = businessHours(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(40)));
          if (!next.isBefore(END.toInstant())) {
            break;
          }
          now = next;
          ObjectNode activity = body(null, now);
          activity.put("type", ACTIVITIES[random.nextInt(ACTIVITIES.length)]);
          add("/api/cosupports/" + id + "/activities", activity, 200);
          w.coSupportActivities++;
        }
        Instant closedAt =
            businessHours(now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(90)));
        if (random.nextDouble() < 0.75 && closedAt.isBefore(END.toInstant())) {
          ObjectNode close = body(null, closedAt);
          close.put("outcome", CLOSURES[random.nextInt(CLOSURES.length)]);
          add("/api/cosupports/" + id + "/closure", close, 200);
          w.coSupportsClosed++;
        } else {
          w.coSupportsOpenAtYearEnd++;
        }
      }
    }
  }

  /**
   * Facilities declare their free beds now and then; the last declaration is what counts at year
   * end.
   */
  private void availability(List<Facility> facilities) {
    for (Facility facility : facilities) {
      int declarations = random.nextInt(4);
      int free = facility.beds();
      Instant at = START.toInstant();
      for (int i = 0; i < declarations; i++) {
        at = businessHours(at.plus(Duration.ofDays(20)), at.plus(Duration.ofDays(120)));
        if (!at.isBefore(END.toInstant())) {
          break;
        }
        free = random.nextInt(facility.beds() + 1);
        ObjectNode body = body(null, at);
        body.put("availableBeds", free);
        add("/api/facilities/" + facility.id() + "/availability", body, 200);
      }
      DemoTotals.Ward w = totals.ward(facility.ward());
      w.emergencyBedsAvailableAtYearEnd += free - facility.beds();
    }
  }

  // ---------------------------------------------------------------- the hub's other functions

  static final int EXPERIENCE_STAYS = 36;
  static final int COMMUNITY_ISSUES = 6;

  private static final String[] CONTACT_KINDS = {
    "FOLLOW_UP",
    "FOLLOW_UP",
    "FOLLOW_UP",
    "FOLLOW_UP",
    "CONSULTATION",
    "CONSULTATION",
    "RE_CONSULTATION",
    "CRISIS_CALL"
  };
  private static final String[] CHANNELS = {
    "PHONE", "PHONE", "PHONE", "VISIT", "VISIT", "OFFICE", "ONLINE"
  };
  private static final String[] STAY_KINDS = {
    "GROUP_HOME_TRIAL",
    "GROUP_HOME_TRIAL",
    "GROUP_HOME_TRIAL",
    "SHORT_STAY_TRIAL",
    "SHORT_STAY_TRIAL",
    "LIVING_ALONE_TRIAL",
    "DAY_ACTIVITY_TRIAL"
  };
  private static final String[] STAY_OUTCOMES = {
    "MOVED_TO_GROUP_HOME", "MOVED_TO_GROUP_HOME", "STARTED_LIVING_ALONE", "CONTINUES_AT_HOME",
    "CONTINUES_AT_HOME", "WILL_TRY_AGAIN", "WILL_TRY_AGAIN", "OTHER"
  };
  private static final String[] ISSUE_CATEGORIES = {
    "RESOURCE_SHORTAGE",
    "MEDICAL_CARE",
    "BEHAVIOURAL_SUPPORT",
    "HOUSING",
    "EMERGENCY_SYSTEM",
    "HUMAN_RESOURCES"
  };
  private static final Map<String, String> ISSUE_TITLES =
      Map.of(
          "RESOURCE_SHORTAGE", "緊急時に受け入れる短期入所の空床が不足している",
          "MEDICAL_CARE", "医療的ケアに対応できる受入れ先が少ない",
          "BEHAVIOURAL_SUPPORT", "強度行動障害のある方を受け入れられる事業所が少ない",
          "HOUSING", "グループホームの空きが足りず体験後の移行が進まない",
          "EMERGENCY_SYSTEM", "土日・夜間のコーディネート体制がない",
          "HUMAN_RESOURCES", "相談支援専門員が不足している");

  /**
   * Contacts with the households still registered: a regular check every two to four months, and
   * now and then more.
   */
  private void contacts(List<Household> households) {
    for (Household household : households) {
      Instant at = household.registeredAt();
      while (true) {
        at = businessHours(at.plus(Duration.ofDays(45)), at.plus(Duration.ofDays(120)));
        if (!at.isBefore(END.toInstant().minus(Duration.ofDays(1)))) {
          break;
        }
        String kind = CONTACT_KINDS[random.nextInt(CONTACT_KINDS.length)];
        Instant when =
            kind.equals("CRISIS_CALL") && random.nextBoolean()
                ? outOfHours(at, min(at.plus(Duration.ofDays(2)), END.toInstant()))
                : at;
        ObjectNode body = body(null, when);
        body.put("kind", kind);
        body.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
        body.put("officeId", household.ward().toLowerCase() + "-soudan-" + (1 + random.nextInt(4)));
        add("/api/households/" + household.id() + "/contacts", body, 200);
        totals.ward(household.ward()).contacts++;
      }
    }
  }

  /**
   * Experience stays (③), mostly group-home trials at the ward's facilities; a few are cancelled.
   */
  private void experienceStays(List<Facility> facilities) {
    for (Map.Entry<String, Integer> entry : allocate(EXPERIENCE_STAYS).entrySet()) {
      String ward = entry.getKey();
      List<Facility> own = facilities.stream().filter(f -> f.ward().equals(ward)).toList();
      for (int i = 0; i < entry.getValue(); i++) {
        String id = id("stay");
        String kind = STAY_KINDS[random.nextInt(STAY_KINDS.length)];
        Instant at = businessHours(START.toInstant(), END.toInstant().minus(Duration.ofDays(20)));
        LocalDate firstDay = at.atZone(TOKYO).toLocalDate().plusDays(7 + random.nextInt(24));
        int nights =
            kind.equals("DAY_ACTIVITY_TRIAL")
                ? 0
                : 1 + random.nextInt(kind.equals("LIVING_ALONE_TRIAL") ? 14 : 6);
        LocalDate lastDay = firstDay.plusDays(nights);
        ObjectNode body = body(id, at);
        body.put("ward", ward);
        body.put("kind", kind);
        if (!kind.equals("LIVING_ALONE_TRIAL") && !own.isEmpty()) {
          body.put("facilityId", own.get(random.nextInt(own.size())).id());
        }
        body.put("firstDay", firstDay.toString());
        body.put("lastDay", lastDay.toString());
        add("/api/experience-stays", body, 201);
        DemoTotals.Ward w = totals.ward(ward);
        w.experienceStaysArranged++;
        Instant startAt = firstDay.atTime(10, 0).atZone(TOKYO).toInstant();
        if (random.nextDouble() < 0.12) {
          ObjectNode cancel =
              body(
                  null, businessHours(at.plus(Duration.ofHours(2)), min(startAt, END.toInstant())));
          cancel.put("reason", "本人の体調不良により延期");
          add("/api/experience-stays/" + id + "/cancellation", cancel, 200);
          w.experienceStaysCancelled++;
          continue;
        }
        if (!startAt.isBefore(END.toInstant())) {
          w.experienceStaysArrangedAtYearEnd++;
          continue;
        }
        add("/api/experience-stays/" + id + "/start", body(null, startAt), 200);
        Instant endAt = lastDay.atTime(15, 0).atZone(TOKYO).toInstant();
        if (!endAt.isBefore(END.toInstant())) {
          w.experienceStaysInProgressAtYearEnd++;
          continue;
        }
        ObjectNode complete = body(null, endAt);
        complete.put(
            "nightsStayed", nights > 1 && random.nextDouble() < 0.15 ? nights - 1 : nights);
        complete.put("outcome", STAY_OUTCOMES[random.nextInt(STAY_OUTCOMES.length)]);
        add("/api/experience-stays/" + id + "/completion", complete, 200);
        w.experienceStaysCompleted++;
      }
    }
  }

  /**
   * Capacity-building (④⑤): a training and a joint case review meeting every month, alternating
   * between the whole region and one ward; group supervision every other month; liaison meetings
   * and office visits now and then, in one or two wards.
   */
  private void capacityActivities() {
    List<String> wards = new ArrayList<>(POPULATION.keySet());
    for (int month = 0; month < 12; month++) {
      ZonedDateTime first = START.plusMonths(month);
      ZonedDateTime next = first.plusMonths(1);
      activity(
          "TRAINING",
          month % 2 == 0 ? List.of() : List.of(wards.get(month % wards.size())),
          "COUNCIL",
          first,
          next,
          "研修会（権利擁護・虐待防止）");
      activity(
          "CASE_REVIEW_MEETING",
          List.of(wards.get((month + 2) % wards.size())),
          "CORE_CENTER",
          first,
          next,
          "合同事例検討会");
      if (month % 2 == 1) {
        activity("GROUP_SUPERVISION", List.of(), "CORE_CENTER", first, next, "グループスーパービジョン");
      }
      if (random.nextDouble() < 0.5) {
        List<String> two = new ArrayList<>(List.of(wards.get(random.nextInt(wards.size()))));
        String other = wards.get(random.nextInt(wards.size()));
        if (!two.contains(other)) {
          two.add(other);
        }
        activity("LIAISON_MEETING", two, "HUB", first, next, "短期入所事業所連絡会");
      }
      if (random.nextDouble() < 0.4) {
        activity(
            "OFFICE_VISIT",
            List.of(wards.get(random.nextInt(wards.size()))),
            "CORE_CENTER",
            first,
            next,
            "相談支援事業所への訪問・助言");
      }
    }
  }

  private void activity(
      String kind,
      List<String> wards,
      String organiser,
      ZonedDateTime from,
      ZonedDateTime to,
      String topic) {
    String id = id("activity");
    Instant heldAt = businessHours(from.toInstant(), to.toInstant());
    // Recorded on the next working days.
    Instant at = businessHours(heldAt.plus(Duration.ofHours(20)), heldAt.plus(Duration.ofDays(4)));
    if (!at.isBefore(END.toInstant())) {
      at = heldAt.plus(Duration.ofHours(2));
    }
    ObjectNode body = body(id, at);
    body.put("kind", kind);
    List<String> sorted = new ArrayList<>(wards);
    sorted.sort(null);
    array(body, "wards", sorted);
    body.put("organiser", organiser);
    body.put("heldAt", time(heldAt));
    ObjectNode participants = body.putObject("participants");
    participants.put("CONSULTATION_SPECIALIST", 6 + random.nextInt(25));
    if (!kind.equals("GROUP_SUPERVISION")) {
      participants.put("SERVICE_PROVIDER", random.nextInt(15));
    }
    if (kind.equals("TRAINING") || kind.equals("CASE_REVIEW_MEETING")) {
      participants.put("ADMINISTRATION", 1 + random.nextInt(4));
      participants.put("MEDICAL", random.nextInt(3));
    }
    body.put("topic", topic);
    add("/api/capacity-activities", body, 201);
    totals.capacityActivities++;
    if (sorted.isEmpty()) {
      totals.regionWideCapacityActivities++;
    }
    sorted.forEach(ward -> totals.ward(ward).capacityActivities++);
  }

  /**
   * A handful of community issues (⑤), most raised from intake declines; each goes to the council's
   * meetings, and the earlier ones on to a proposal and a closure within the year.
   */
  private void communityIssues() {
    List<String> wards = new ArrayList<>(POPULATION.keySet());
    int issues = Math.max(1, (int) Math.round(COMMUNITY_ISSUES * Math.min(1.0, scale)));
    for (int i = 0; i < issues; i++) {
      String id = id("issue");
      String category = ISSUE_CATEGORIES[i % ISSUE_CATEGORIES.length];
      String ward = i % 3 == 2 ? null : wards.get(random.nextInt(wards.size()));
      Instant at =
          businessHours(START.plusMonths(1 + i).toInstant(), START.plusMonths(2 + i).toInstant());
      ObjectNode body = body(id, at);
      if (ward != null) {
        body.put("ward", ward);
      }
      body.put("category", category);
      body.put("title", ISSUE_TITLES.get(category));
      body.put("raisedBy", i % 4 == 3 ? "CO_SUPPORT" : "INTAKE_DECLINES");
      add("/api/community-issues", body, 201);
      if (ward == null) {
        totals.regionWideCommunityIssues++;
      } else {
        totals.ward(ward).communityIssuesRaised++;
      }
      // The council meets on the third Wednesday: one or two meetings, then a proposal, a closure.
      Instant now = at;
      int stage = i < issues / 2 ? 3 : i % 2 == 0 ? 2 : 1;
      for (int meeting = 0; meeting < (stage >= 2 ? 2 : 1); meeting++) {
        Instant meetingAt =
            businessHours(now.plus(Duration.ofDays(20)), now.plus(Duration.ofDays(50)));
        if (!meetingAt.isBefore(END.toInstant())) {
          break;
        }
        now = meetingAt;
        ObjectNode discussion = body(null, now);
        discussion.put("meetingDate", now.atZone(TOKYO).toLocalDate().toString());
        add("/api/community-issues/" + id + "/discussion", discussion, 200);
      }
      boolean closed = false;
      Instant proposedAt =
          businessHours(now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(40)));
      if (stage >= 2 && !now.equals(at) && proposedAt.isBefore(END.toInstant())) {
        ObjectNode proposal = body(null, proposedAt);
        proposal.put("to", "仙台市健康福祉局障害福祉部障害者支援課");
        add("/api/community-issues/" + id + "/proposal", proposal, 200);
        Instant closedAt =
            businessHours(
                proposedAt.plus(Duration.ofDays(30)), proposedAt.plus(Duration.ofDays(60)));
        if (stage >= 3 && closedAt.isBefore(END.toInstant())) {
          ObjectNode closure = body(null, closedAt);
          closure.put("resolution", random.nextDouble() < 0.7 ? "RESOLVED" : "NOT_RESOLVED");
          closure.put("note", "次年度の事業計画に反映");
          add("/api/community-issues/" + id + "/closure", closure, 200);
          closed = true;
        }
      }
      if (!closed && ward != null) {
        totals.ward(ward).communityIssuesOpenAtYearEnd++;
      }
    }
  }

  /** The year's plan (事業計画), set in the year's first week: region targets and a few per ward. */
  private void plan() {
    ObjectNode body = body(null, businessHours(START.toInstant(), START.plusDays(7).toInstant()));
    ArrayNode targets = body.putArray("targets");
    target(targets, null, "householdsRegistered", Math.round(HOUSEHOLDS * scale));
    target(targets, null, "experienceStays.completed", Math.round(EXPERIENCE_STAYS * 0.8 * scale));
    target(targets, null, "capacityBuilding.activitiesByKind.TRAINING", 12);
    target(targets, null, "capacityBuilding.activitiesByKind.CASE_REVIEW_MEETING", 12);
    target(targets, null, "communityIssues.proposed", 3);
    for (String ward : POPULATION.keySet()) {
      target(targets, ward, "householdsRegistered", allocate(HOUSEHOLDS).get(ward));
    }
    commands.add(
        new DemoCommand(
            java.time.OffsetDateTime.parse(body.get("at").asText()).toInstant(),
            "/api/plans/" + FISCAL_YEAR,
            body.toString(),
            201,
            "PUT"));
    totals.planTargets = targets.size();
  }

  private static void target(ArrayNode targets, String ward, String figure, long value) {
    ObjectNode target = targets.addObject();
    if (ward != null) {
      target.put("ward", ward);
    }
    target.put("figure", figure).put("target", value);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Splits {@code base × scale} over the wards by population (largest remainder), in ward order.
   */
  private Map<String, Integer> allocate(int base) {
    int total = Math.max(1, (int) Math.round(base * scale));
    int weight = POPULATION.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Integer> result = new LinkedHashMap<>();
    List<String> byRemainder = new ArrayList<>(POPULATION.keySet());
    int given = 0;
    for (Map.Entry<String, Integer> e : POPULATION.entrySet()) {
      int share = (int) ((long) total * e.getValue() / weight);
      result.put(e.getKey(), share);
      given += share;
    }
    byRemainder.sort(
        Comparator.comparingLong((String w) -> -(((long) total * POPULATION.get(w)) % weight)));
    for (int i = 0; given < total; i++, given++) {
      String ward = byRemainder.get(i % byRemainder.size());
      result.put(ward, result.get(ward) + 1);
    }
    return result;
  }

  private String id(String kind) {
    return UUID.nameUUIDFromBytes(
            ("demo-" + seed + "-" + scale + "-" + kind + "-" + (counter++))
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private ObjectNode body(String id, Instant at) {
    ObjectNode body = json.createObjectNode();
    body.put("id", id != null ? id : id("command"));
    body.put("at", time(at));
    return body;
  }

  private void add(String path, ObjectNode body, int status) {
    Instant at = java.time.OffsetDateTime.parse(body.get("at").asText()).toInstant();
    commands.add(new DemoCommand(at, path, body.toString(), status));
  }

  private static String time(Instant at) {
    return at.atZone(TOKYO).toOffsetDateTime().toString();
  }

  private static void array(ObjectNode body, String field, List<String> values) {
    ArrayNode array = body.putArray(field);
    values.forEach(array::add);
  }

  private List<String> pick(String[] from, int n) {
    List<String> result = new ArrayList<>();
    for (int guard = 0; result.size() < n && guard < 50; guard++) {
      String value = from[random.nextInt(from.length)];
      if (!result.contains(value)) {
        result.add(value);
      }
    }
    return result;
  }

  private Instant later(Instant at, int minDays, int maxDays) {
    Instant latest = END.toInstant().minus(Duration.ofDays(1));
    Instant candidate =
        businessHours(at.plus(Duration.ofDays(minDays)), at.plus(Duration.ofDays(maxDays)));
    return candidate.isBefore(latest)
        ? candidate
        : businessHours(at.plus(Duration.ofHours(2)), latest);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** About 4 in 10 requests come out of hours (nights, weekends, holidays), as the seeds report. */
  private Instant requestTime(Instant from, Instant to) {
    return random.nextDouble() < 0.4 ? outOfHours(from, to) : businessHours(from, to);
  }

  /** A weekday, not a holiday, between 09:30 and 16:30 Tokyo time, in [from, to). */
  private Instant businessHours(Instant from, Instant to) {
    for (int attempt = 0; attempt < 200; attempt++) {
      LocalDate day = randomDay(from, to);
      if (isWeekend(day) || HOLIDAYS.contains(day)) {
        continue;
      }
      LocalDateTime time = day.atTime(LocalTime.of(9, 30)).plusMinutes(random.nextInt(7 * 60));
      Instant at = time.atZone(TOKYO).toInstant();
      if (!at.isBefore(from) && at.isBefore(to)) {
        return at;
      }
    }
    return from;
  }

  /** A night (19:00–07:00) or any hour of a weekend or holiday, in [from, to). */
  private Instant outOfHours(Instant from, Instant to) {
    for (int attempt = 0; attempt < 200; attempt++) {
      LocalDate day = randomDay(from, to);
      LocalDateTime time;
      if (isWeekend(day) || HOLIDAYS.contains(day)) {
        time = day.atTime(LocalTime.of(8, 0)).plusMinutes(random.nextInt(14 * 60));
      } else {
        time = day.atTime(LocalTime.of(19, 0)).plusMinutes(random.nextInt(12 * 60));
      }
      Instant at = time.atZone(TOKYO).toInstant();
      if (!at.isBefore(from) && at.isBefore(to) && isOutOfHours(at)) {
        return at;
      }
    }
    return businessHours(from, to);
  }

  private LocalDate randomDay(Instant from, Instant to) {
    LocalDate first = from.atZone(TOKYO).toLocalDate();
    LocalDate last = to.atZone(TOKYO).toLocalDate();
    long days = Math.max(1, last.toEpochDay() - first.toEpochDay() + 1);
    return first.plusDays((long) (random.nextDouble() * days));
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** The out-of-hours rule of DOMAIN.md, with the holidays above. */
  static boolean isOutOfHours(Instant at) {
    LocalDateTime local = LocalDateTime.ofInstant(at, TOKYO);
    if (isWeekend(local.toLocalDate()) || HOLIDAYS.contains(local.toLocalDate())) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    return time.isBefore(LocalTime.of(9, 0)) || !time.isBefore(LocalTime.of(18, 0));
  }
}
