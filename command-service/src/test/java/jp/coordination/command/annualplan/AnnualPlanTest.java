package jp.coordination.command.annualplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnnualPlanTest {
  private static final String ID = AnnualPlanSet.planIdOf("sendai", 2026);

  /** 2 June 2026, 12:00 JST: during FY2026. */
  private static final Instant DURING_THE_YEAR = Instant.parse("2026-06-02T03:00:00Z");

  /** 30 June 2027, 23:59:59.999 JST: the last moment FY2026's plan may be set. */
  private static final Instant LAST_MOMENT = Instant.parse("2027-06-30T14:59:59.999Z");

  /** 1 July 2027, 00:00 JST: three months after FY2026 ended. */
  private static final Instant DEADLINE = Instant.parse("2027-06-30T15:00:00Z");

  private static final List<PlanTarget> TARGETS =
      List.of(
          new PlanTarget(null, "householdsRegistered", new BigDecimal("60")),
          new PlanTarget("AOBA", "capacityBuilding.activitiesByKind.TRAINING", new BigDecimal("4")),
          new PlanTarget(null, "experienceStays.completed", new BigDecimal("10")));
  private static final AnnualPlanSet SET = new AnnualPlanSet(ID, null, "sendai", 2026, TARGETS);

  private AggregateTestFixture<AnnualPlan> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(AnnualPlan.class);
  }

  private static SetAnnualPlan set(List<PlanTarget> targets, Instant decidedAt) {
    return new SetAnnualPlan(ID, "sendai", 2026, targets, decidedAt);
  }

  private static List<PlanTarget> one(String ward, String figure, String target) {
    return List.of(new PlanTarget(ward, figure, new BigDecimal(target)));
  }

  @Test
  void setting_the_first_plan_of_a_year_creates_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(set(TARGETS, DURING_THE_YEAR))
        .expectEvents(SET)
        .expectResultMessagePayload(0L);
  }

  @Test
  void setting_the_plan_again_replaces_its_targets() {
    List<PlanTarget> revised = one(null, "householdsRegistered", "55");
    fixture
        .given(SET)
        .when(set(revised, DURING_THE_YEAR))
        .expectEvents(new AnnualPlanSet(ID, null, "sendai", 2026, revised))
        .expectResultMessagePayload(1L);
  }

  @Test
  void an_empty_plan_clears_the_targets() {
    fixture
        .given(SET)
        .when(set(List.of(), DURING_THE_YEAR))
        .expectEvents(new AnnualPlanSet(ID, null, "sendai", 2026, List.of()));
  }

  @Test
  void the_plan_can_be_set_until_the_last_moment_of_june_after_the_year() {
    fixture
        .given(SET)
        .when(set(TARGETS, LAST_MOMENT))
        .expectEvents(new AnnualPlanSet(ID, null, "sendai", 2026, TARGETS));
  }

  @Test
  void setting_the_plan_three_months_after_the_year_ended_is_refused() {
    fixture
        .given(SET)
        .when(set(TARGETS, DEADLINE))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void setting_a_first_plan_after_the_deadline_is_refused_too() {
    fixture
        .givenNoPriorActivity()
        .when(set(TARGETS, DEADLINE.plusSeconds(86_400 * 100L)))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void a_figure_that_is_not_in_the_statistics_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(set(one(null, "happiness", "1"), DURING_THE_YEAR))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_negative_target_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(set(one(null, "householdsRegistered", "-1"), DURING_THE_YEAR))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_rate_target_above_1_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(set(one(null, "placementRate", "90"), DURING_THE_YEAR))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_rate_target_as_a_fraction_is_accepted() {
    fixture
        .givenNoPriorActivity()
        .when(set(one("IZUMI", "placementRate", "0.9"), DURING_THE_YEAR))
        .expectEvents(
            new AnnualPlanSet(ID, null, "sendai", 2026, one("IZUMI", "placementRate", "0.9")));
  }

  @Test
  void a_target_with_more_than_4_decimals_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(set(one(null, "placementRate", "0.12345"), DURING_THE_YEAR))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void two_targets_for_the_same_ward_and_figure_are_refused() {
    fixture
        .givenNoPriorActivity()
        .when(
            set(
                List.of(
                    new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("10")),
                    new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("12"))),
                DURING_THE_YEAR))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void the_same_figure_for_a_ward_and_for_the_region_are_two_targets() {
    List<PlanTarget> both =
        List.of(
            new PlanTarget("AOBA", "householdsRegistered", new BigDecimal("10")),
            new PlanTarget(null, "householdsRegistered", new BigDecimal("60")));
    fixture
        .givenNoPriorActivity()
        .when(set(both, DURING_THE_YEAR))
        .expectEvents(new AnnualPlanSet(ID, null, "sendai", 2026, both));
  }
}
