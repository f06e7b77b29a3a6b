package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static jp.coordination.query.statistics.StatisticsCalculatorTest.CALENDAR;
import static jp.coordination.query.statistics.StatisticsCalculatorTest.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanFigures;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.query.TestEvents;
import jp.coordination.query.evaluation.ReplayFold;
import org.junit.jupiter.api.Test;

/** The statistics of the hub's other functions (DOMAIN.md's table) and the plan review. */
class HubFunctionStatisticsTest {

  private final TestEvents events = new TestEvents();
  private final List<EventEnvelope> log = new ArrayList<>();

  private FiscalYearStatistics statistics(int fiscalYear) {
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);
    return fold.statistics(fiscalYear, REGION, CALENDAR);
  }

  private void add(EventEnvelope... envelopes) {
    log.addAll(List.of(envelopes));
  }

  private EventEnvelope contact(String household, String ward, ContactKind kind, Instant at) {
    return events.wrap(
        new HouseholdContactRecorded(household, ward, kind, ContactChannel.PHONE, "office-1"), at);
  }

  private EventEnvelope completedStay(
      String id, String ward, ExperienceStayKind kind, int nights, ExperienceStayOutcome outcome) {
    Instant at = jst("2026-06-01T10:00");
    add(
        events.wrap(
            new ExperienceStayArranged(
                id,
                ward,
                kind,
                null,
                null,
                LocalDate.of(2026, 6, 10),
                LocalDate.of(2026, 6, 10).plusDays(nights)),
            at),
        events.wrap(new ExperienceStayStarted(id, ward), at.plusSeconds(86_400 * 9)));
    return events.wrap(
        new ExperienceStayCompleted(id, ward, kind, nights, outcome),
        at.plusSeconds(86_400L * (9 + nights)));
  }

  private static CapacityActivityRecorded activity(
      String id, CapacityActivityKind kind, List<String> wards, Instant heldAt, int specialists) {
    return new CapacityActivityRecorded(
        id,
        wards.size() == 1 ? wards.get(0) : null,
        kind,
        wards,
        Organiser.CORE_CENTER,
        heldAt,
        Map.of(ParticipantKind.CONSULTATION_SPECIALIST, specialists),
        "事例検討");
  }

  @Test
  void
      contacts_count_by_kind_and_out_of_hours_and_a_household_without_contact_for_180_days_shows() {
    add(
        events.householdRegistered("h1", "AOBA", jst("2025-05-01T10:00")),
        events.householdRegistered("h2", "AOBA", jst("2025-05-01T10:00")),
        contact("h1", "AOBA", ContactKind.FOLLOW_UP, jst("2026-06-01T10:00")),
        contact("h1", "AOBA", ContactKind.CRISIS_CALL, jst("2026-06-06T22:00")), // Saturday night
        contact("h1", "AOBA", ContactKind.FOLLOW_UP, jst("2027-01-12T10:00")),
        // The window starts 180 days before the FY end, on 3 October 00:00: this is before it.
        contact("h2", "AOBA", ContactKind.FOLLOW_UP, jst("2026-10-02T10:00")));
    WardFigures.Consultations aoba = statistics(2026).wards().get("AOBA").consultations();
    assertThat(aoba.contactsByKind())
        .containsEntry("FOLLOW_UP", 3L)
        .containsEntry("CRISIS_CALL", 1L)
        .containsEntry("RE_CONSULTATION", 0L)
        .hasSize(ContactKind.values().length);
    assertThat(aoba.outOfHoursContacts()).isEqualTo(1);
    assertThat(aoba.householdsWithoutContact180Days()).isEqualTo(1);
  }

  @Test
  void completed_stays_count_by_kind_and_outcome_with_the_transition_rate_and_nights() {
    add(
        completedStay(
            "s1",
            "AOBA",
            ExperienceStayKind.GROUP_HOME_TRIAL,
            3,
            ExperienceStayOutcome.MOVED_TO_GROUP_HOME),
        completedStay(
            "s2",
            "AOBA",
            ExperienceStayKind.LIVING_ALONE_TRIAL,
            5,
            ExperienceStayOutcome.STARTED_LIVING_ALONE),
        completedStay(
            "s3",
            "AOBA",
            ExperienceStayKind.GROUP_HOME_TRIAL,
            2,
            ExperienceStayOutcome.WILL_TRY_AGAIN),
        completedStay(
            "s4",
            "IZUMI",
            ExperienceStayKind.SHORT_STAY_TRIAL,
            1,
            ExperienceStayOutcome.CONTINUES_AT_HOME));
    add(
        events.wrap(
            new ExperienceStayArranged(
                "s5",
                "AOBA",
                ExperienceStayKind.DAY_ACTIVITY_TRIAL,
                null,
                null,
                LocalDate.of(2027, 3, 1),
                LocalDate.of(2027, 3, 1)),
            jst("2027-02-01T10:00")));
    FiscalYearStatistics s = statistics(2026);
    WardFigures.ExperienceStays aoba = s.wards().get("AOBA").experienceStays();
    assertThat(aoba.arranged()).isEqualTo(4);
    assertThat(aoba.completed()).isEqualTo(3);
    assertThat(aoba.completedByKind())
        .containsEntry("GROUP_HOME_TRIAL", 2L)
        .containsEntry("LIVING_ALONE_TRIAL", 1L)
        .containsEntry("DAY_ACTIVITY_TRIAL", 0L);
    assertThat(aoba.outcomes()).containsEntry("WILL_TRY_AGAIN", 1L);
    assertThat(aoba.transitionRate()).isEqualByComparingTo("0.6667");
    assertThat(aoba.nightsStayed()).isEqualTo(10);
    assertThat(s.total().experienceStays().completed()).isEqualTo(4);
    assertThat(s.total().experienceStays().transitionRate()).isEqualByComparingTo("0.5");
    assertThat(s.wards().get("TAIHAKU").experienceStays().transitionRate()).isNull();
  }

  @Test
  void
      an_activity_of_two_wards_counts_in_each_and_once_in_the_total_and_a_region_wide_one_only_there() {
    add(
        events.wrap(
            activity(
                "a1",
                CapacityActivityKind.TRAINING,
                List.of("AOBA", "IZUMI"),
                jst("2026-07-10T14:00"),
                30),
            jst("2026-07-11T10:00")),
        events.wrap(
            activity(
                "a2",
                CapacityActivityKind.CASE_REVIEW_MEETING,
                List.of(),
                jst("2026-08-10T14:00"),
                20),
            jst("2026-08-11T10:00")));
    FiscalYearStatistics s = statistics(2026);
    assertThat(s.wards().get("AOBA").capacityBuilding().activitiesByKind())
        .containsEntry("TRAINING", 1L)
        .containsEntry("CASE_REVIEW_MEETING", 0L);
    assertThat(s.wards().get("IZUMI").capacityBuilding().participantsByKind())
        .containsEntry("CONSULTATION_SPECIALIST", 30L);
    assertThat(s.total().capacityBuilding().activitiesByKind())
        .containsEntry("TRAINING", 1L)
        .containsEntry("CASE_REVIEW_MEETING", 1L);
    assertThat(s.total().capacityBuilding().participantsByKind())
        .containsEntry("CONSULTATION_SPECIALIST", 50L)
        .containsEntry("MEDICAL", 0L);
  }

  @Test
  void an_activity_counts_in_the_year_it_was_held_as_corrected_and_not_once_withdrawn() {
    add(
        // Held on 31 March, recorded in April: FY2025.
        events.wrap(
            activity(
                "a1", CapacityActivityKind.TRAINING, List.of("AOBA"), jst("2026-03-31T14:00"), 10),
            jst("2026-04-02T10:00")),
        events.wrap(
            activity(
                "a2", CapacityActivityKind.TRAINING, List.of("AOBA"), jst("2026-05-10T14:00"), 10),
            jst("2026-05-11T10:00")),
        events.wrap(
            new CapacityActivityCorrected(
                "a2",
                "IZUMI",
                CapacityActivityKind.OFFICE_VISIT,
                List.of("IZUMI"),
                Organiser.HUB,
                jst("2026-05-12T14:00"),
                Map.of(),
                "訂正"),
            jst("2026-05-13T10:00")),
        events.wrap(
            activity(
                "a3", CapacityActivityKind.TRAINING, List.of("AOBA"), jst("2026-06-10T14:00"), 10),
            jst("2026-06-11T10:00")),
        events.wrap(new CapacityActivityWithdrawn("a3", "AOBA", "中止"), jst("2026-06-12T10:00")));
    assertThat(statistics(2025).wards().get("AOBA").capacityBuilding().activitiesByKind())
        .containsEntry("TRAINING", 1L);
    FiscalYearStatistics fy2026 = statistics(2026);
    assertThat(fy2026.wards().get("AOBA").capacityBuilding().activitiesByKind())
        .containsEntry("TRAINING", 0L);
    assertThat(fy2026.wards().get("IZUMI").capacityBuilding().activitiesByKind())
        .containsEntry("OFFICE_VISIT", 1L);
  }

  @Test
  void issues_count_raised_proposed_closed_and_open_at_year_end_a_region_wide_one_in_the_total() {
    add(
        events.wrap(
            new CommunityIssueRaised(
                "p1",
                "AOBA",
                CommunityIssueCategory.HOUSING,
                "GH不足",
                CommunityIssueSource.INTAKE_DECLINES),
            jst("2026-05-01T10:00")),
        events.wrap(new CommunityIssueProposed("p1", "AOBA", "障害者支援課"), jst("2026-09-01T10:00")),
        events.wrap(
            new CommunityIssueClosed("p1", "AOBA", CommunityIssueResolution.RESOLVED, "新設"),
            jst("2027-04-01T00:00")),
        events.wrap(
            new CommunityIssueRaised(
                "p2",
                null,
                CommunityIssueCategory.HUMAN_RESOURCES,
                "人材",
                CommunityIssueSource.COUNCIL),
            jst("2025-05-01T10:00")));
    FiscalYearStatistics s = statistics(2026);
    WardFigures.CommunityIssues aoba = s.wards().get("AOBA").communityIssues();
    assertThat(aoba.raised()).isEqualTo(1);
    assertThat(aoba.proposed()).isEqualTo(1);
    assertThat(aoba.closed()).isZero();
    assertThat(aoba.openAtYearEnd()).isEqualTo(1);
    assertThat(aoba.byCategory())
        .containsEntry("HOUSING", 1L)
        .hasSize(CommunityIssueCategory.values().length);
    WardFigures.CommunityIssues total = s.total().communityIssues();
    assertThat(total.raised()).isEqualTo(1);
    assertThat(total.openAtYearEnd()).isEqualTo(2);
    assertThat(statistics(2027).total().communityIssues().closed()).isEqualTo(1);
  }

  @Test
  void the_plan_review_shows_each_target_beside_its_actual_and_the_last_plan_set_counts() {
    String planId = AnnualPlanSet.planIdOf(REGION.code(), 2026);
    add(
        events.householdRegistered("h1", "AOBA", jst("2026-05-01T10:00")),
        events.householdRegistered("h2", "AOBA", jst("2026-05-02T10:00")),
        events.householdRegistered("h3", "IZUMI", jst("2026-05-02T10:00")),
        events.wrap(
            new AnnualPlanSet(
                planId,
                null,
                REGION.code(),
                2026,
                List.of(new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("99")))),
            jst("2026-03-01T10:00")),
        events.wrap(
            new AnnualPlanSet(
                planId,
                null,
                REGION.code(),
                2026,
                List.of(
                    new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("3")),
                    new PlanTarget(null, "householdsRegistered", new BigDecimal("6")),
                    new PlanTarget(null, "experienceStays.completed", new BigDecimal("10")),
                    new PlanTarget(null, "placementRate", new BigDecimal("0.8")))),
            jst("2027-05-01T10:00")));
    List<PlanReview> plan = statistics(2026).plan();
    assertThat(plan)
        .containsExactly(
            new PlanReview("AOBA", "householdsRegistered", d("3"), d("2"), d("0.6667")),
            new PlanReview(null, "householdsRegistered", d("6"), d("3"), d("0.5000")),
            new PlanReview(null, "experienceStays.completed", d("10"), d("0"), d("0.0000")),
            new PlanReview(null, "placementRate", d("0.8"), null, null));
    assertThat(statistics(2025).plan()).isEmpty();
    String csv =
        new String(StatisticsFormats.csv(statistics(2026), REGION), StandardCharsets.UTF_8);
    assertThat(csv).contains("事業計画の検証").contains("2026,青葉区,事前登録世帯数（年度内登録）,3,2,0.6667");
  }

  @Test
  void every_figure_a_plan_may_name_is_a_figure_of_the_statistics_and_has_a_csv_column() {
    WardFigures figures = statistics(2026).total();
    assertThat(figures.byPath().keySet()).containsExactlyElementsOf(PlanFigures.all());
    assertThat(StatisticsFormats.columns())
        .extracting(StatisticsFormats.Column::path)
        .containsExactlyElementsOf(PlanFigures.all());
  }

  @Test
  void the_csv_has_japanese_columns_for_the_new_sections() {
    String csv =
        new String(StatisticsFormats.csv(statistics(2026), REGION), StandardCharsets.UTF_8);
    String header = csv.lines().findFirst().orElseThrow();
    assertThat(header)
        .contains(
            "相談：定期的な状況確認",
            "体験の機会：実施件数",
            "体験実施：GH体験利用",
            "地域生活への移行率",
            "人材育成・体制づくり：研修会",
            "参加者：相談支援専門員",
            "地域課題：年度末に未終結",
            "地域課題の分野：住まい");
    assertThat(header.split(",")).hasSize(2 + PlanFigures.all().size());
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }
}
