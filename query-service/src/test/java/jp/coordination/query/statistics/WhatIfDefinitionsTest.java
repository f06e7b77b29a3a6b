package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.query.TestEvents;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.Definitions.PlacementsCounted;
import jp.coordination.query.statistics.Definitions.PreRegisteredBy;
import org.junit.jupiter.api.Test;

/**
 * The three definitions a what-if may change (DOMAIN.md, "What-if"), each on a history where it
 * makes a difference, and the official definitions giving exactly the published figures.
 */
class WhatIfDefinitionsTest {

  private final TestEvents events = new TestEvents();
  private final List<EventEnvelope> log = new ArrayList<>();

  private WardFigures ward(String ward, Definitions definitions) {
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);
    return fold.statistics(
            2025, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR, definitions)
        .wards()
        .get(ward);
  }

  private EventEnvelope request(String id, String household, Instant at) {
    return events.wrap(
        new EmergencyIntakeRequested(
            id, "AOBA", household, IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS, List.of()),
        at);
  }

  private EventEnvelope completed(String id, Instant at) {
    return events.wrap(
        new EmergencyIntakeCompleted(id, "AOBA", null, IntakeOutcome.RETURNED_HOME), at);
  }

  @Test
  void a_90_day_reuse_window_leaves_out_a_completion_120_days_before_the_request() {
    log.add(request("r1", "hA", jst("2025-04-01T10:00")));
    log.add(completed("r1", jst("2025-05-01T10:00")));
    log.add(request("r2", "hA", jst("2025-08-29T10:00"))); // 120 days after the completion
    log.add(request("r3", "hB", jst("2025-05-01T09:00")));
    log.add(completed("r3", jst("2025-06-01T10:00")));
    log.add(request("r4", "hB", jst("2025-08-30T10:00"))); // exactly 90 days after
    Definitions ninety =
        new Definitions(90, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME);

    assertThat(ward("AOBA", Definitions.OFFICIAL).reuseWithin180Days()).isEqualTo(2);
    assertThat(ward("AOBA", ninety).reuseWithin180Days()).isEqualTo(1);
  }

  @Test
  void by_recorded_time_a_registration_entered_after_the_request_is_not_pre_registration() {
    // Registered on 1 May by business time, but entered only on 3 June, after the request of 2
    // June.
    log.add(
        events.householdRegisteredLate(
            "hA", "AOBA", jst("2025-05-01T10:00"), jst("2025-06-03T09:00")));
    log.add(events.householdRegistered("hB", "AOBA", jst("2025-05-01T10:00")));
    log.add(request("r1", "hA", jst("2025-06-02T10:00")));
    log.add(request("r2", "hB", jst("2025-06-02T10:00")));
    Definitions recorded =
        new Definitions(180, PreRegisteredBy.RECORDED_TIME, PlacementsCounted.ANY_TIME);

    assertThat(ward("AOBA", Definitions.OFFICIAL).preRegisteredShare()).isEqualByComparingTo("1");
    assertThat(ward("AOBA", recorded).preRegisteredShare()).isEqualByComparingTo("0.5");
  }

  @Test
  void until_the_fiscal_year_end_a_placement_on_1_april_no_longer_counts_nor_its_hours() {
    log.add(request("r1", null, jst("2026-03-31T20:00")));
    log.add(events.intakePlaced("r1", "AOBA", "f1", jst("2026-04-01T00:00"))); // the next year
    log.add(request("r2", null, jst("2026-03-30T20:00")));
    log.add(events.intakePlaced("r2", "AOBA", "f1", jst("2026-03-30T22:00")));
    Definitions yearEnd =
        new Definitions(
            180, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.UNTIL_FISCAL_YEAR_END);

    WardFigures official = ward("AOBA", Definitions.OFFICIAL);
    assertThat(official.placementRate()).isEqualByComparingTo("1");
    assertThat(official.medianHoursToPlacement()).isEqualByComparingTo("3");
    WardFigures variant = ward("AOBA", yearEnd);
    assertThat(variant.placementRate()).isEqualByComparingTo("0.5");
    assertThat(variant.medianHoursToPlacement()).isEqualByComparingTo("2");
  }

  @Test
  void the_official_definitions_are_what_the_calculator_uses_without_any() {
    log.add(request("r1", "hA", jst("2025-04-01T10:00")));
    log.add(completed("r1", jst("2025-05-01T10:00")));
    log.add(request("r2", "hA", jst("2025-08-29T10:00")));
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);

    assertThat(
            fold.statistics(
                2025, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR))
        .isEqualTo(
            fold.statistics(
                2025,
                StatisticsCalculatorTest.REGION,
                StatisticsCalculatorTest.CALENDAR,
                Definitions.OFFICIAL));
    assertThat(Definitions.OFFICIAL.official()).isTrue();
    assertThat(
            new Definitions(90, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME)
                .official())
        .isFalse();
  }

  @Test
  void differences_list_only_the_figures_that_differ_ward_by_ward_then_the_total() {
    log.add(request("r1", "hA", jst("2025-04-01T10:00")));
    log.add(completed("r1", jst("2025-05-01T10:00")));
    log.add(request("r2", "hA", jst("2025-08-29T10:00")));
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);
    FiscalYearStatistics official =
        fold.statistics(2025, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR);
    FiscalYearStatistics variant =
        fold.statistics(
            2025,
            StatisticsCalculatorTest.REGION,
            StatisticsCalculatorTest.CALENDAR,
            new Definitions(90, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME));

    assertThat(StatisticsDifferences.between(official, variant))
        .containsExactly(
            new StatisticsDifferences.Difference(
                "AOBA", "reuseWithin180Days", BigDecimal.ONE, BigDecimal.ZERO),
            new StatisticsDifferences.Difference(
                null, "reuseWithin180Days", BigDecimal.ONE, BigDecimal.ZERO));
    assertThat(StatisticsDifferences.between(official, official)).isEmpty();
  }

  @Test
  void a_window_outside_1_to_3650_days_is_refused() {
    assertThatThrownBy(
            () -> new Definitions(0, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Definitions(3651, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
