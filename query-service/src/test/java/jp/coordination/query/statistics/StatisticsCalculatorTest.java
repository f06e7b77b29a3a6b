package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.events.region.Region;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.evaluation.ReplayFold;
import org.junit.jupiter.api.Test;

/** Hand-computed scenarios, one per figure and per boundary of DOMAIN.md's definitions. */
class StatisticsCalculatorTest {

  static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  static final Region REGION = Region.load(null);

  private final TestEvents events = new TestEvents();
  private final List<EventEnvelope> log = new ArrayList<>();

  private FiscalYearStatistics statistics(int fiscalYear) {
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);
    return fold.statistics(fiscalYear, REGION, CALENDAR);
  }

  private WardFigures ward(int fiscalYear, String ward) {
    return statistics(fiscalYear).wards().get(ward);
  }

  private void add(EventEnvelope... envelopes) {
    log.addAll(List.of(envelopes));
  }

  private EventEnvelope request(String id, String ward, String household, Instant at) {
    return events.wrap(
        new EmergencyIntakeRequested(
            id, ward, household, IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS, List.of()),
        at);
  }

  private EventEnvelope completed(String id, String ward, IntakeOutcome outcome, Instant at) {
    return events.wrap(new EmergencyIntakeCompleted(id, ward, null, outcome), at);
  }

  private EventEnvelope declined(String id, String ward, DeclineReason reason, Instant at) {
    return events.wrap(new EmergencyIntakeDeclined(id, ward, "f1", reason), at);
  }

  private EventEnvelope activity(String id, String ward, ActivityType type, Instant at) {
    return events.wrap(new CoSupportActivityRecorded(id, ward, type), at);
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void
      registration_at_235959_on_31_march_counts_for_the_old_year_and_at_0000_on_1_april_for_the_new() {
    add(events.householdRegistered("h1", "AOBA", jst("2026-03-31T23:59:59")));
    add(events.householdRegistered("h2", "AOBA", jst("2026-04-01T00:00:00")));
    assertThat(ward(2025, "AOBA").householdsRegistered()).isEqualTo(1);
    assertThat(ward(2026, "AOBA").householdsRegistered()).isEqualTo(1);
    assertThat(ward(2025, "AOBA").householdsActiveAtYearEnd()).isEqualTo(1);
    assertThat(ward(2026, "AOBA").householdsActiveAtYearEnd()).isEqualTo(2);
  }

  @Test
  void a_moved_household_is_active_at_year_end_in_the_ward_it_lives_in_then() {
    add(events.householdRegistered("h1", "AOBA", jst("2024-05-01T10:00")));
    add(events.householdMoved("h1", "AOBA", "IZUMI", jst("2025-10-01T10:00")));
    assertThat(ward(2024, "AOBA").householdsActiveAtYearEnd()).isEqualTo(1);
    assertThat(ward(2025, "AOBA").householdsActiveAtYearEnd()).isZero();
    assertThat(ward(2025, "IZUMI").householdsActiveAtYearEnd()).isEqualTo(1);
    // Registered in FY2024 in Aoba: the move does not re-register it anywhere.
    assertThat(statistics(2025).total().householdsRegistered()).isZero();
    assertThat(ward(2024, "AOBA").householdsRegistered()).isEqualTo(1);
  }

  @Test
  void
      a_household_deregistered_before_year_end_is_not_active_and_one_deregistered_at_0000_on_1_april_is() {
    add(events.householdRegistered("h1", "AOBA", jst("2025-06-01T10:00")));
    add(events.householdDeregistered("h1", "AOBA", jst("2026-03-31T23:59:59")));
    add(events.householdRegistered("h2", "AOBA", jst("2025-06-01T10:00")));
    add(events.householdDeregistered("h2", "AOBA", jst("2026-04-01T00:00")));
    WardFigures aoba = ward(2025, "AOBA");
    assertThat(aoba.householdsRegistered()).isEqualTo(2);
    assertThat(aoba.householdsActiveAtYearEnd()).isEqualTo(1);
  }

  @Test
  void office_hour_edges_holidays_placement_rate_median_and_cancelled_intake() {
    // Monday 2 June 2025 and Tuesday 6 May 2025 (a substitute public holiday).
    add(request("i1", "AOBA", null, jst("2025-06-02T09:00:00"))); // in hours
    add(events.intakePlaced("i1", "AOBA", "f1", jst("2025-06-02T11:00:00"))); // 2 h
    add(request("i2", "AOBA", null, jst("2025-06-02T17:59:59"))); // in hours
    add(events.intakePlaced("i2", "AOBA", "f1", jst("2025-06-02T21:59:59"))); // 4 h
    add(request("i3", "AOBA", null, jst("2025-06-02T18:00:00"))); // out of hours
    add(declined("i3", "AOBA", DeclineReason.NO_BED, jst("2025-06-02T18:30")));
    add(events.intakeCancelled("i3", "AOBA", jst("2025-06-02T19:00")));
    add(request("i4", "AOBA", null, jst("2025-06-03T08:59:59"))); // out of hours
    add(declined("i4", "AOBA", DeclineReason.INSUFFICIENT_INFORMATION, jst("2025-06-03T09:30")));
    add(events.intakePlaced("i4", "AOBA", "f1", jst("2025-06-03T13:59:59"))); // 5 h
    add(request("i5", "AOBA", null, jst("2025-05-06T10:00:00"))); // holiday
    add(events.intakePlaced("i5", "AOBA", "f1", jst("2025-05-06T20:00:00"))); // 10 h
    WardFigures aoba = ward(2025, "AOBA");
    assertThat(aoba.intakesRequested()).isEqualTo(5);
    assertThat(aoba.placementRate()).isEqualTo(d("0.8000"));
    // Placed: 2, 4, 5, 10 hours; even count: mean of 4 and 5.
    assertThat(aoba.medianHoursToPlacement()).isEqualTo(d("4.50"));
    assertThat(aoba.outOfHoursShare()).isEqualTo(d("0.6000"));
    assertThat(aoba.declinesByReason())
        .containsEntry("NO_BED", 1L)
        .containsEntry("INSUFFICIENT_INFORMATION", 1L)
        .containsEntry("STAFF_SHORTAGE", 0L)
        .hasSize(DeclineReason.values().length);
  }

  @Test
  void a_saturday_request_is_out_of_hours_and_an_odd_count_median_is_the_middle_value() {
    add(request("i1", "TAIHAKU", null, jst("2025-06-07T12:00"))); // Saturday
    add(events.intakePlaced("i1", "TAIHAKU", "f1", jst("2025-06-07T13:30")));
    WardFigures taihaku = ward(2025, "TAIHAKU");
    assertThat(taihaku.outOfHoursShare()).isEqualTo(d("1.0000"));
    assertThat(taihaku.medianHoursToPlacement()).isEqualTo(d("1.50"));
  }

  @Test
  void pre_registration_needs_a_registration_strictly_before_the_request() {
    add(events.householdRegistered("hA", "WAKABAYASHI", jst("2025-04-10T10:00")));
    add(events.householdRegistered("hB", "WAKABAYASHI", jst("2025-06-10T10:00")));
    add(request("r1", "WAKABAYASHI", "hA", jst("2025-06-10T10:00"))); // hA registered before
    add(request("r2", "WAKABAYASHI", "hB", jst("2025-06-10T10:00"))); // same instant: not before
    add(request("r3", "WAKABAYASHI", "unknown", jst("2025-06-10T10:00")));
    add(request("r4", "WAKABAYASHI", null, jst("2025-06-10T10:00")));
    assertThat(ward(2025, "WAKABAYASHI").preRegisteredShare()).isEqualTo(d("0.2500"));
  }

  @Test
  void reuse_counts_a_completion_exactly_180_days_before_the_request_but_not_one_second_earlier() {
    add(request("r1", "MIYAGINO", "hA", jst("2025-04-10T10:00")));
    add(events.intakePlaced("r1", "MIYAGINO", "f1", jst("2025-04-10T12:00")));
    add(completed("r1", "MIYAGINO", IntakeOutcome.RETURNED_HOME, jst("2025-06-20T10:00")));
    add(request("r2", "MIYAGINO", "hA", jst("2025-12-17T10:00:00"))); // exactly 180 days later
    add(request("r3", "MIYAGINO", "hA", jst("2025-12-17T10:00:01"))); // 180 days and a second
    add(request("r4", "MIYAGINO", "hB", jst("2025-12-17T10:00:00"))); // other household
    assertThat(ward(2025, "MIYAGINO").reuseWithin180Days()).isEqualTo(1);
  }

  @Test
  void a_completion_in_the_previous_fiscal_year_counts_for_reuse_in_this_one() {
    add(request("r1", "MIYAGINO", "hA", jst("2025-03-01T10:00")));
    add(completed("r1", "MIYAGINO", IntakeOutcome.GROUP_HOME, jst("2025-03-20T10:00")));
    add(request("r2", "MIYAGINO", "hA", jst("2025-04-15T10:00")));
    assertThat(ward(2025, "MIYAGINO").reuseWithin180Days()).isEqualTo(1);
    assertThat(ward(2025, "MIYAGINO").outcomes()).containsEntry("GROUP_HOME", 0L);
    assertThat(ward(2024, "MIYAGINO").outcomes()).containsEntry("GROUP_HOME", 1L);
  }

  @Test
  void outcomes_count_completions_of_the_year_and_the_return_home_rate_divides_by_them() {
    add(request("i1", "IZUMI", null, jst("2025-05-01T10:00")));
    add(completed("i1", "IZUMI", IntakeOutcome.RETURNED_HOME, jst("2025-05-10T10:00")));
    add(request("i2", "IZUMI", null, jst("2025-05-01T10:00")));
    add(completed("i2", "IZUMI", IntakeOutcome.HOSPITAL, jst("2025-05-10T10:00")));
    add(request("i3", "IZUMI", null, jst("2026-03-25T10:00")));
    add(completed("i3", "IZUMI", IntakeOutcome.RETURNED_HOME, jst("2026-04-01T00:00")));
    WardFigures izumi = ward(2025, "IZUMI");
    assertThat(izumi.outcomes())
        .containsEntry("RETURNED_HOME", 1L)
        .containsEntry("HOSPITAL", 1L)
        .hasSize(IntakeOutcome.values().length);
    assertThat(izumi.returnHomeRate()).isEqualTo(d("0.5000"));
    assertThat(ward(2026, "IZUMI").returnHomeRate()).isEqualTo(d("1.0000"));
  }

  @Test
  void co_support_opened_closed_median_days_and_activities() {
    add(events.coSupportOpened("c1", "AOBA", jst("2025-04-01T00:00")));
    add(activity("c1", "AOBA", ActivityType.JOINT_VISIT, jst("2025-04-02T10:00")));
    add(activity("c1", "AOBA", ActivityType.JOINT_VISIT, jst("2025-04-03T10:00")));
    add(activity("c1", "AOBA", ActivityType.CASE_REVIEW, jst("2025-04-04T10:00")));
    add(events.coSupportClosed("c1", "AOBA", jst("2025-04-11T00:00"))); // 10 days
    add(events.coSupportOpened("c2", "AOBA", jst("2025-05-01T00:00")));
    add(events.coSupportClosed("c2", "AOBA", jst("2025-05-04T12:00"))); // 3.5 days
    add(events.coSupportOpened("c3", "AOBA", jst("2026-03-31T23:59:59")));
    WardFigures aoba = ward(2025, "AOBA");
    assertThat(aoba.coSupportsOpened()).isEqualTo(3);
    assertThat(aoba.coSupportsClosed()).isEqualTo(2);
    assertThat(aoba.medianCoSupportDays()).isEqualTo(d("6.75"));
    assertThat(aoba.activitiesByType())
        .containsEntry("JOINT_VISIT", 2L)
        .containsEntry("CASE_REVIEW", 1L)
        .containsEntry("EXPERT_ADVICE", 0L)
        .hasSize(ActivityType.values().length);
  }

  @Test
  void zero_denominators_give_null_rates_and_medians_and_every_code_is_listed_with_zero() {
    add(events.householdRegistered("h1", "AOBA", jst("2025-06-01T10:00")));
    FiscalYearStatistics s = statistics(2025);
    assertThat(s.wards()).containsOnlyKeys(REGION.wardCodes()).hasSize(5);
    for (WardFigures f : List.of(s.wards().get("IZUMI"), s.total())) {
      assertThat(f.preRegisteredShare()).isNull();
      assertThat(f.placementRate()).isNull();
      assertThat(f.medianHoursToPlacement()).isNull();
      assertThat(f.outOfHoursShare()).isNull();
      assertThat(f.returnHomeRate()).isNull();
      assertThat(f.medianCoSupportDays()).isNull();
      assertThat(f.declinesByReason()).hasSize(DeclineReason.values().length).containsValue(0L);
    }
    assertThat(new String(StatisticsFormats.json(s)))
        .contains("\"placementRate\":null")
        .doesNotContain("NaN");
  }

  @Test
  void the_total_adds_up_the_wards_and_computes_its_rates_from_the_sums() {
    add(request("i1", "AOBA", null, jst("2025-06-02T10:00")));
    add(events.intakePlaced("i1", "AOBA", "f1", jst("2025-06-02T11:00")));
    add(request("i2", "IZUMI", null, jst("2025-06-02T10:00")));
    add(request("i3", "IZUMI", null, jst("2025-06-02T10:00")));
    add(events.intakePlaced("i3", "IZUMI", "f1", jst("2025-06-02T13:00")));
    add(request("i4", "IZUMI", null, jst("2025-06-02T10:00")));
    FiscalYearStatistics s = statistics(2025);
    assertThat(s.total().intakesRequested()).isEqualTo(4);
    assertThat(s.total().placementRate()).isEqualTo(d("0.5000"));
    assertThat(s.wards().get("IZUMI").placementRate()).isEqualTo(d("0.3333"));
    assertThat(s.total().medianHoursToPlacement()).isEqualTo(d("2.00"));
    assertThat(s.fiscalYear()).isEqualTo(2025);
    assertThat(s.region()).isEqualTo(REGION.code());
  }
}
