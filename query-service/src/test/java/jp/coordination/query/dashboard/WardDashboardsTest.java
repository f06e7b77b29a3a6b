package jp.coordination.query.dashboard;

import static jp.coordination.events.household.RiskFactor.CAREGIVER_AGED;
import static jp.coordination.events.household.RiskFactor.ISOLATED;
import static jp.coordination.events.household.RiskFactor.LIVES_ALONE;
import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import org.junit.jupiter.api.Test;

class WardDashboardsTest {

  private static final Instant NOW = jst("2026-11-24T12:00"); // FY2026
  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final TestEvents events = new TestEvents();
  private final DashboardFold fold = new DashboardFold(calendar);

  // Weekday, office hours, FY2026.
  private static Instant day(int n) {
    return jst("2026-06-01T10:00").plusSeconds(86_400L * n);
  }

  @Test
  void a_ward_without_events_shows_zeros_with_every_risk_factor_listed() {
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    assertThat(d.households().active()).isZero();
    assertThat(d.households().byRiskFactor())
        .hasSize(RiskFactor.values().length)
        .allSatisfy((factor, count) -> assertThat(count).isZero());
    assertThat(d.intakes().medianHoursToPlacement()).isNull();
    assertThat(d.lastEventAt()).isNull();
    assertThat(d.fiscalYear()).isEqualTo(2026);
  }

  @Test
  void active_households_count_registered_households_of_the_ward_by_risk_factor() {
    fold.apply(
        events.householdRegistered("h1", "AOBA", day(0), CAREGIVER_AGED, ISOLATED),
        events.householdRegistered("h2", "AOBA", day(1), CAREGIVER_AGED),
        events.householdRegistered("h3", "IZUMI", day(2), LIVES_ALONE));
    DashboardResponse aoba = fold.dashboard("AOBA", NOW);
    assertThat(aoba.households().active()).isEqualTo(2);
    assertThat(aoba.households().byRiskFactor())
        .containsEntry(CAREGIVER_AGED, 2)
        .containsEntry(ISOLATED, 1)
        .containsEntry(LIVES_ALONE, 0);
    assertThat(fold.dashboard("IZUMI", NOW).households().byRiskFactor())
        .containsEntry(LIVES_ALONE, 1);
  }

  @Test
  void a_reassessment_replaces_the_risk_factors() {
    fold.apply(
        events.householdRegistered("h1", "AOBA", day(0), CAREGIVER_AGED, ISOLATED),
        events.householdReassessed("h1", "AOBA", day(1), LIVES_ALONE));
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    assertThat(d.households().active()).isEqualTo(1);
    assertThat(d.households().byRiskFactor())
        .containsEntry(CAREGIVER_AGED, 0)
        .containsEntry(ISOLATED, 0)
        .containsEntry(LIVES_ALONE, 1);
  }

  @Test
  void a_move_shifts_the_household_and_its_factors_between_wards() {
    fold.apply(
        events.householdRegistered("h1", "AOBA", day(0), CAREGIVER_AGED),
        events.householdMoved("h1", "AOBA", "IZUMI", day(1)));
    assertThat(fold.dashboard("AOBA", NOW).households().active()).isZero();
    assertThat(fold.dashboard("AOBA", NOW).households().byRiskFactor())
        .containsEntry(CAREGIVER_AGED, 0);
    assertThat(fold.dashboard("IZUMI", NOW).households().active()).isEqualTo(1);
    assertThat(fold.dashboard("IZUMI", NOW).households().byRiskFactor())
        .containsEntry(CAREGIVER_AGED, 1);
  }

  @Test
  void a_deregistered_household_is_no_longer_active_and_erasure_changes_no_figure() {
    fold.apply(
        events.householdRegistered("h1", "AOBA", day(0), CAREGIVER_AGED),
        events.householdRegistered("h2", "AOBA", day(0), ISOLATED),
        events.householdDeregistered("h1", "AOBA", day(1)));
    LiveFigures before = fold.state("AOBA").live();
    fold.apply(events.householdErased("h2", "AOBA", day(2)));
    assertThat(fold.state("AOBA").live()).isEqualTo(before);
    assertThat(before.householdsActive()).isEqualTo(1);
    assertThat(before.households(CAREGIVER_AGED)).isZero();
    assertThat(before.households(ISOLATED)).isEqualTo(1);
  }

  @Test
  void open_intakes_are_requested_ones_and_in_placement_are_placed_ones() {
    fold.apply(
        events.intakeRequested("i1", "AOBA", day(0)),
        events.intakeRequested("i2", "AOBA", day(0)),
        events.intakeRequested("i3", "AOBA", day(0)),
        events.intakeRequested("i4", "AOBA", day(0)),
        events.intakeDeclined("i1", "AOBA", "f1", day(1)),
        events.intakePlaced("i1", "AOBA", "f2", day(1)),
        events.intakePlaced("i2", "AOBA", "f2", day(1)),
        events.intakeCompleted("i2", "AOBA", day(3)),
        events.intakeCancelled("i3", "AOBA", day(1)));
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    assertThat(d.intakes().open()).isEqualTo(1); // i4
    assertThat(d.intakes().inPlacement()).isEqualTo(1); // i1
    assertThat(d.intakes().requestedThisYear()).isEqualTo(4);
    assertThat(d.intakes().placedThisYear()).isEqualTo(2);
    assertThat(d.intakes().cancelledThisYear()).isEqualTo(1);
  }

  @Test
  void each_flow_counts_in_the_fiscal_year_of_its_own_event() {
    fold.apply(
        events.intakeRequested("i1", "AOBA", jst("2026-03-31T23:59:59")),
        events.intakePlaced("i1", "AOBA", "f1", jst("2026-04-01T00:00:00")),
        events.intakeRequested("i2", "AOBA", jst("2026-03-31T20:00")),
        events.intakeCancelled("i2", "AOBA", jst("2026-04-01T09:30")));
    DashboardResponse fy2025 = fold.dashboard("AOBA", jst("2026-03-31T23:59:59"));
    assertThat(fy2025.fiscalYear()).isEqualTo(2025);
    assertThat(fy2025.intakes().requestedThisYear()).isEqualTo(2);
    assertThat(fy2025.intakes().placedThisYear()).isZero();
    assertThat(fy2025.intakes().cancelledThisYear()).isZero();
    DashboardResponse fy2026 = fold.dashboard("AOBA", jst("2026-04-01T00:00"));
    assertThat(fy2026.intakes().requestedThisYear()).isZero();
    assertThat(fy2026.intakes().placedThisYear()).isEqualTo(1);
    assertThat(fy2026.intakes().cancelledThisYear()).isEqualTo(1);
  }

  @Test
  void out_of_hours_counts_requests_made_on_weekends_holidays_nights() {
    fold.apply(
        events.intakeRequested("i1", "AOBA", jst("2026-11-21T12:00")), // Saturday
        events.intakeRequested("i2", "AOBA", jst("2026-11-23T12:00")), // 勤労感謝の日
        events.intakeRequested("i3", "AOBA", jst("2026-11-24T18:00")), // Tuesday 18:00
        events.intakeRequested("i4", "AOBA", jst("2026-11-24T09:00")), // in hours
        events.intakeRequested("i5", "AOBA", jst("2026-11-24T17:59:59"))); // in hours
    // A placement out of hours is not a request out of hours.
    fold.apply(events.intakePlaced("i4", "AOBA", "f1", jst("2026-11-24T23:00")));
    DashboardResponse d = fold.dashboard("AOBA", jst("2026-11-25T12:00"));
    assertThat(d.intakes().requestedThisYear()).isEqualTo(5);
    assertThat(d.intakes().outOfHoursThisYear()).isEqualTo(3);
  }

  @Test
  void median_hours_to_placement_is_the_middle_duration_of_an_odd_count() {
    Instant t = day(0);
    fold.apply(
        events.intakeRequested("i1", "AOBA", t),
        events.intakeRequested("i2", "AOBA", t),
        events.intakeRequested("i3", "AOBA", t),
        events.intakePlaced("i1", "AOBA", "f", t.plusSeconds(10 * 3600)),
        events.intakePlaced("i2", "AOBA", "f", t.plusSeconds(2 * 3600)),
        events.intakePlaced("i3", "AOBA", "f", t.plusSeconds(4 * 3600)));
    assertThat(fold.dashboard("AOBA", NOW).intakes().medianHoursToPlacement()).isEqualTo(4.0);
  }

  @Test
  void median_hours_to_placement_of_an_even_count_is_the_mean_of_the_two_middle_values() {
    Instant t = day(0);
    fold.apply(
        events.intakeRequested("i1", "AOBA", t),
        events.intakeRequested("i2", "AOBA", t),
        events.intakeRequested("i3", "AOBA", t),
        events.intakeRequested("i4", "AOBA", t),
        events.intakePlaced("i1", "AOBA", "f", t.plusSeconds(1 * 3600)),
        events.intakePlaced("i2", "AOBA", "f", t.plusSeconds(2 * 3600)),
        events.intakePlaced("i3", "AOBA", "f", t.plusSeconds(5 * 3600)),
        events.intakePlaced("i4", "AOBA", "f", t.plusSeconds(30 * 3600)));
    assertThat(fold.dashboard("AOBA", NOW).intakes().medianHoursToPlacement()).isEqualTo(3.5);
  }

  @Test
  void median_hours_to_placement_counts_only_intakes_requested_in_the_fiscal_year() {
    fold.apply(
        // Requested in FY2025, placed in FY2026: counts for FY2025's median.
        events.intakeRequested("old", "AOBA", jst("2026-03-31T22:00")),
        events.intakePlaced("old", "AOBA", "f", jst("2026-04-01T02:00")),
        events.intakeRequested("new", "AOBA", day(0)),
        events.intakePlaced("new", "AOBA", "f", day(0).plusSeconds(90 * 60)));
    assertThat(fold.dashboard("AOBA", NOW).intakes().medianHoursToPlacement()).isEqualTo(1.5);
    assertThat(fold.dashboard("AOBA", jst("2026-03-31T23:00")).intakes().medianHoursToPlacement())
        .isEqualTo(4.0);
  }

  @Test
  void median_hours_to_placement_is_null_without_placements() {
    fold.apply(events.intakeRequested("i1", "AOBA", day(0)));
    assertThat(fold.dashboard("AOBA", NOW).intakes().medianHoursToPlacement()).isNull();
  }

  @Test
  void co_supports_open_opened_and_closed_this_year() {
    fold.apply(
        events.coSupportOpened("c0", "AOBA", jst("2026-03-10T10:00")), // FY2025
        events.coSupportOpened("c1", "AOBA", day(0)),
        events.coSupportOpened("c2", "AOBA", day(0)),
        events.coSupportActivity("c1", "AOBA", day(1)),
        events.coSupportClosed("c0", "AOBA", day(2)),
        events.coSupportClosed("c1", "AOBA", day(2)));
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    assertThat(d.coSupports().open()).isEqualTo(1);
    assertThat(d.coSupports().openedThisYear()).isEqualTo(2);
    assertThat(d.coSupports().closedThisYear()).isEqualTo(2);
  }

  @Test
  void emergency_beds_are_the_registered_beds_until_a_declaration_replaces_them() {
    fold.apply(
        events.facilityRegistered("f1", "AOBA", 3, day(0)),
        events.facilityRegistered("f2", "AOBA", 2, day(0)),
        events.facilityRegistered("f3", "IZUMI", 4, day(0)));
    assertThat(fold.dashboard("AOBA", NOW).facilities().emergencyBedsAvailable()).isEqualTo(5);
    fold.apply(
        events.facilityDeclared("f1", "AOBA", 1, day(1)),
        events.facilityDeclared("f1", "AOBA", 0, day(2)));
    assertThat(fold.dashboard("AOBA", NOW).facilities().emergencyBedsAvailable()).isEqualTo(2);
    assertThat(fold.dashboard("IZUMI", NOW).facilities().emergencyBedsAvailable()).isEqualTo(4);
  }

  @Test
  void last_event_at_is_the_recorded_time_of_the_latest_event_of_the_ward() {
    EventEnvelope first = events.intakeRequested("i1", "AOBA", day(0));
    EventEnvelope second = events.coSupportOpened("c1", "AOBA", day(1));
    fold.apply(first, second);
    assertThat(fold.state("AOBA").lastEventAt()).isEqualTo(second.recordedAt());
    assertThat(fold.dashboard("AOBA", NOW).lastEventAt().toInstant())
        .isEqualTo(second.recordedAt());
    assertThat(fold.dashboard("AOBA", NOW).lastEventAt().getOffset().getTotalSeconds())
        .isEqualTo(9 * 3600);
  }

  @Test
  void a_move_touches_both_wards() {
    fold.apply(events.householdRegistered("h1", "AOBA", day(0), CAREGIVER_AGED));
    EventEnvelope move = events.householdMoved("h1", "AOBA", "IZUMI", day(1));
    fold.apply(move);
    assertThat(fold.state("AOBA").lastEventAt()).isEqualTo(move.recordedAt());
    assertThat(fold.state("IZUMI").lastEventAt()).isEqualTo(move.recordedAt());
  }

  @Test
  void the_wards_touched_by_an_intake_event_are_only_its_own() {
    fold.apply(events.intakeRequested("i1", "AOBA", day(0)));
    assertThat(fold.state("IZUMI")).isEqualTo(WardDashboard.empty("IZUMI"));
    assertThat(Set.of("AOBA")).contains(fold.state("AOBA").ward());
  }

  @Test
  void monthly_series_split_the_yearly_figures_by_month_of_business_time_april_first() {
    fold.apply(
        events.intakeRequested("m1", "AOBA", jst("2026-04-01T00:00")), // first minute of FY2026
        events.intakeRequested("m2", "AOBA", jst("2026-05-15T10:00")),
        events.intakePlaced("m2", "AOBA", "f1", jst("2026-06-01T10:00")),
        events.intakeRequested("m3", "AOBA", jst("2027-03-31T23:59")), // last minute of FY2026
        events.coSupportOpened("c1", "AOBA", jst("2026-12-01T10:00")),
        events.coSupportClosed("c1", "AOBA", jst("2027-01-10T10:00")),
        events.intakeRequested("m4", "AOBA", jst("2026-03-31T23:59"))); // FY2025
    DashboardResponse d = fold.dashboard("AOBA", NOW);
    DashboardResponse.Monthly m = d.monthly();
    assertThat(m.months()).hasSize(12).startsWith("2026-04").endsWith("2027-03");
    assertThat(m.intakesRequested()).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    assertThat(m.intakesPlaced()).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(m.coSupportsOpened().get(8)).isEqualTo(1);
    assertThat(m.coSupportsClosed().get(9)).isEqualTo(1);
    assertThat(m.intakesRequested().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(d.intakes().requestedThisYear());
    DashboardResponse previous =
        DashboardResponse.of(fold.state("AOBA"), 2025, NOW, calendar.zone());
    assertThat(previous.monthly().intakesRequested().get(11)).isEqualTo(1);
    assertThat(previous.intakes().requestedThisYear()).isEqualTo(1);
  }
}
