package jp.coordination.events.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFiguresTest {

  @Test
  void the_figures_of_the_domain_brief_can_be_planned() {
    assertThat(PlanFigures.all())
        .contains(
            "householdsRegistered",
            "capacityBuilding.activitiesByKind.TRAINING",
            "experienceStays.completed",
            "consultations.contactsByKind.FOLLOW_UP",
            "communityIssues.byCategory.HOUSING",
            "declinesByReason.NO_BED");
  }

  @Test
  void a_figure_that_is_not_in_the_statistics_cannot_be_planned() {
    assertThat(PlanFigures.isKnown("experienceStays")).isFalse();
    assertThat(PlanFigures.isKnown("capacityBuilding.activitiesByKind.PARTY")).isFalse();
    assertThat(PlanFigures.isKnown(null)).isFalse();
  }

  @Test
  void rates_and_shares_are_fractions_counts_are_not() {
    assertThat(PlanFigures.isFraction("placementRate")).isTrue();
    assertThat(PlanFigures.isFraction("experienceStays.transitionRate")).isTrue();
    assertThat(PlanFigures.isFraction("experienceStays.completed")).isFalse();
  }

  @Test
  void the_plan_id_of_a_region_and_year_is_stable_and_differs_by_year() {
    assertThat(AnnualPlanSet.planIdOf("sendai", 2024))
        .isEqualTo("61ab4496-a2bf-3ac1-beb6-8f6632523069");
    assertThat(AnnualPlanSet.planIdOf("sendai", 2025))
        .isNotEqualTo(AnnualPlanSet.planIdOf("sendai", 2024));
  }

  @Test
  void a_target_is_written_without_trailing_zeros_or_exponent() {
    assertThat(new PlanTarget(null, "householdsRegistered", new BigDecimal("6E+1")).target())
        .isEqualTo(new BigDecimal("60"));
    assertThat(new PlanTarget(null, "placementRate", new BigDecimal("0.850")).target())
        .isEqualTo(new BigDecimal("0.85"));
    assertThat(new AnnualPlanSet("p", null, "sendai", 2024, null).targets()).isEqualTo(List.of());
  }
}
