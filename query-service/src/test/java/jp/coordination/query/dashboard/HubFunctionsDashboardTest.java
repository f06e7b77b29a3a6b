package jp.coordination.query.dashboard;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
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
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import org.junit.jupiter.api.Test;

/** The ward dashboard's figures of the hub's other functions (③ stays, ④⑤ activities, ⑤ issues). */
class HubFunctionsDashboardTest {

  private static final Instant NOW = jst("2026-11-24T12:00"); // FY2026
  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final TestEvents events = new TestEvents();
  private final DashboardFold fold = new DashboardFold(calendar);

  private static Instant day(int n) {
    return jst("2026-06-01T10:00").plusSeconds(86_400L * n);
  }

  private ExperienceStayArranged stay(String id, String ward) {
    return new ExperienceStayArranged(
        id,
        ward,
        ExperienceStayKind.GROUP_HOME_TRIAL,
        null,
        null,
        LocalDate.of(2026, 7, 1),
        LocalDate.of(2026, 7, 3));
  }

  private static CapacityActivityRecorded training(String id, List<String> wards, Instant heldAt) {
    return new CapacityActivityRecorded(
        id,
        wards.size() == 1 ? wards.get(0) : null,
        CapacityActivityKind.TRAINING,
        wards,
        Organiser.HUB,
        heldAt,
        Map.of(ParticipantKind.CONSULTATION_SPECIALIST, 12),
        "虐待防止研修");
  }

  @Test
  void stays_move_from_arranged_to_in_progress_and_count_as_completed_in_the_year_they_end() {
    fold.apply(
        events.wrap(stay("s1", "AOBA"), day(0)),
        events.wrap(stay("s2", "AOBA"), day(0)),
        events.wrap(stay("s3", "AOBA"), day(0)),
        events.wrap(new ExperienceStayStarted("s1", "AOBA"), day(30)),
        events.wrap(new ExperienceStayStarted("s2", "AOBA"), day(30)),
        events.wrap(
            new ExperienceStayCompleted(
                "s2",
                "AOBA",
                ExperienceStayKind.GROUP_HOME_TRIAL,
                2,
                ExperienceStayOutcome.MOVED_TO_GROUP_HOME),
            day(32)),
        events.wrap(new ExperienceStayCancelled("s3", "AOBA", "体調不良"), day(5)));
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    assertThat(d.experienceStays().arranged()).isZero();
    assertThat(d.experienceStays().inProgress()).isEqualTo(1);
    assertThat(d.experienceStays().completedThisYear()).isEqualTo(1);
    assertThat(
            fold.dashboard("AOBA", jst("2027-04-01T00:00")).experienceStays().completedThisYear())
        .isZero();
  }

  @Test
  void an_activity_of_several_wards_counts_in_each_and_a_region_wide_one_in_none() {
    fold.apply(
        events.wrap(training("a1", List.of("AOBA", "IZUMI"), day(3)), day(3)),
        events.wrap(training("a2", List.of(), day(4)), day(4)),
        events.wrap(training("a3", List.of("AOBA"), day(5)), day(5)));
    assertThat(fold.dashboard("AOBA", NOW).capacityBuilding().activitiesThisYear()).isEqualTo(2);
    assertThat(fold.dashboard("IZUMI", NOW).capacityBuilding().activitiesThisYear()).isEqualTo(1);
    assertThat(fold.dashboard("TAIHAKU", NOW).capacityBuilding().activitiesThisYear()).isZero();
  }

  @Test
  void a_correction_moves_the_activity_and_a_withdrawal_takes_it_out() {
    fold.apply(
        events.wrap(training("a1", List.of("AOBA", "IZUMI"), day(3)), day(3)),
        events.wrap(
            new CapacityActivityCorrected(
                "a1",
                "IZUMI",
                CapacityActivityKind.TRAINING,
                List.of("IZUMI"),
                Organiser.HUB,
                jst("2026-03-20T14:00"),
                Map.of(ParticipantKind.MEDICAL, 3),
                "医療的ケア研修"),
            day(6)),
        events.wrap(training("a2", List.of("AOBA"), day(5)), day(5)),
        events.wrap(new CapacityActivityWithdrawn("a2", "AOBA", "開催中止"), day(7)));
    assertThat(fold.dashboard("AOBA", NOW).capacityBuilding().activitiesThisYear()).isZero();
    assertThat(fold.dashboard("IZUMI", NOW).capacityBuilding().activitiesThisYear()).isZero();
    assertThat(
            fold.dashboard("IZUMI", jst("2026-03-31T12:00"))
                .capacityBuilding()
                .activitiesThisYear())
        .as("corrected into FY2025")
        .isEqualTo(1);
  }

  @Test
  void open_community_issues_of_the_ward_exclude_closed_and_region_wide_ones() {
    fold.apply(
        events.wrap(
            new CommunityIssueRaised(
                "p1",
                "AOBA",
                CommunityIssueCategory.HOUSING,
                "GHが足りない",
                CommunityIssueSource.INTAKE_DECLINES),
            day(0)),
        events.wrap(
            new CommunityIssueRaised(
                "p2",
                "AOBA",
                CommunityIssueCategory.MEDICAL_CARE,
                "医ケア対応の短期入所",
                CommunityIssueSource.CO_SUPPORT),
            day(1)),
        events.wrap(
            new CommunityIssueRaised(
                "p3",
                null,
                CommunityIssueCategory.HUMAN_RESOURCES,
                "人材不足",
                CommunityIssueSource.COUNCIL),
            day(1)),
        events.wrap(
            new CommunityIssueClosed("p2", "AOBA", CommunityIssueResolution.RESOLVED, "新設"),
            day(9)));
    assertThat(fold.dashboard("AOBA", NOW).communityIssues().open()).isEqualTo(1);
  }
}
