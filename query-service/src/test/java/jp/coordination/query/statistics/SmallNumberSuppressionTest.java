package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.query.TestEvents;
import jp.coordination.query.evaluation.ReplayFold;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's small-number suppression (秘匿), rule by rule, on years built from events. */
class SmallNumberSuppressionTest {

  private static final Instant MONDAY = jst("2025-06-02T10:00");
  private static final int FY = 2025;

  private final TestEvents events = new TestEvents();
  private final List<EventEnvelope> log = new ArrayList<>();
  private final SmallNumberSuppression suppression = new SmallNumberSuppression(2);
  private final ObjectMapper json = new ObjectMapper();
  private int ids;

  @Test
  void counts_of_1_and_2_are_suppressed_and_0_is_shown() {
    requests("AOBA", 1);
    requests("MIYAGINO", 2);
    requests("IZUMI", 5);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.statistics().wards().get("AOBA").intakesRequested()).isNull();
    assertThat(d.statistics().wards().get("MIYAGINO").intakesRequested()).isNull();
    assertThat(d.statistics().wards().get("IZUMI").intakesRequested()).isEqualTo(5);
    assertThat(d.statistics().wards().get("WAKABAYASHI").intakesRequested()).isZero();
    assertThat(d.statistics().total().intakesRequested()).isEqualTo(8);
    assertThat(d.suppressed())
        .contains("wards.AOBA.intakesRequested", "wards.MIYAGINO.intakesRequested")
        .doesNotContain(
            "wards.IZUMI.intakesRequested",
            "total.intakesRequested",
            "wards.WAKABAYASHI.intakesRequested")
        .noneMatch(path -> path.contains("householdsRegistered"));
  }

  @Test
  void
      one_suppressed_ward_takes_the_smallest_other_non_zero_ward_with_it_so_the_total_cannot_reveal_it() {
    requests("AOBA", 1);
    requests("MIYAGINO", 4);
    requests("TAIHAKU", 3);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.suppressed())
        .contains("wards.AOBA.intakesRequested", "wards.TAIHAKU.intakesRequested")
        .doesNotContain(
            "wards.MIYAGINO.intakesRequested",
            "wards.IZUMI.intakesRequested",
            "total.intakesRequested");
    assertThat(d.statistics().wards().get("MIYAGINO").intakesRequested()).isEqualTo(4);
    assertThat(d.statistics().total().intakesRequested()).isEqualTo(8);
  }

  @Test
  void a_total_of_1_or_2_is_suppressed() {
    requests("AOBA", 1);
    requests("IZUMI", 1);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.statistics().total().intakesRequested()).isNull();
    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.intakesRequested",
            "wards.IZUMI.intakesRequested",
            "total.intakesRequested");
  }

  @Test
  void
      a_ward_hidden_to_protect_another_figure_takes_the_total_with_it_when_no_other_ward_has_any() {
    // Aoba's 1 stay is suppressed, and Izumi's 4 with it (the smallest other). Izumi's 4 are all
    // day trials: shown, they would tell Izumi's stays, so they go; no other ward has day trials,
    // so the total's would tell Izumi's: the total's goes too.
    stays("AOBA", ExperienceStayKind.GROUP_HOME_TRIAL, 1, 0);
    stays("IZUMI", ExperienceStayKind.DAY_ACTIVITY_TRIAL, 4, 0);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.experienceStays.completed",
            "wards.IZUMI.experienceStays.completed",
            "wards.IZUMI.experienceStays.completedByKind.DAY_ACTIVITY_TRIAL",
            "total.experienceStays.completedByKind.DAY_ACTIVITY_TRIAL")
        .doesNotContain("total.experienceStays.completed");
    assertThat(d.statistics().total().experienceStays().completed()).isEqualTo(5);
  }

  @Test
  void a_suppressed_part_of_a_sum_takes_a_second_part_with_it() {
    // Aoba's 5 stays: 1 group-home trial (suppressed) and 4 living-alone trials. The 5 completed
    // are shown, so the 4 go too, in Aoba and in the total.
    stays("AOBA", ExperienceStayKind.GROUP_HOME_TRIAL, 1, 2);
    stays("AOBA", ExperienceStayKind.LIVING_ALONE_TRIAL, 4, 2);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.experienceStays.completedByKind.GROUP_HOME_TRIAL",
            "wards.AOBA.experienceStays.completedByKind.LIVING_ALONE_TRIAL",
            "total.experienceStays.completedByKind.GROUP_HOME_TRIAL",
            "total.experienceStays.completedByKind.LIVING_ALONE_TRIAL")
        .doesNotContain("wards.AOBA.experienceStays.completed", "total.experienceStays.completed");
    assertThat(d.statistics().wards().get("AOBA").experienceStays().completed()).isEqualTo(5);
    assertThat(d.statistics().wards().get("AOBA").experienceStays().completedByKind())
        .containsEntry("GROUP_HOME_TRIAL", null)
        .containsEntry("LIVING_ALONE_TRIAL", null)
        .containsEntry("SHORT_STAY_TRIAL", 0L);
  }

  @Test
  void rates_and_medians_over_a_suppressed_count_are_suppressed() {
    placedRequests("AOBA", 1);
    placedRequests("IZUMI", 5);
    closedCases("AOBA", 1);
    closedCases("IZUMI", 6);

    StatisticsDisclosure d = suppression.suppress(exact());

    WardFigures aoba = d.statistics().wards().get("AOBA");
    assertThat(aoba.preRegisteredShare()).isNull();
    assertThat(aoba.placementRate()).isNull();
    assertThat(aoba.medianHoursToPlacement()).isNull();
    assertThat(aoba.outOfHoursShare()).isNull();
    assertThat(aoba.medianCoSupportDays()).isNull();
    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.placementRate",
            "wards.AOBA.medianHoursToPlacement",
            "wards.AOBA.medianCoSupportDays")
        // A rate that is null because nothing was requested hides nothing.
        .doesNotContain("wards.WAKABAYASHI.placementRate", "total.placementRate");
    assertThat(d.statistics().total().placementRate()).isEqualByComparingTo("1");
  }

  @Test
  void
      a_share_with_a_numerator_of_1_is_suppressed_with_a_second_ward_s_so_the_total_share_cannot_reveal_it() {
    // 10 requests each; placed: Aoba 1 (a rate of 0.1 over 10 shows the 1), Izumi 5, Miyagino 6.
    placedRequests("AOBA", 1);
    requests("AOBA", 9);
    placedRequests("IZUMI", 5);
    requests("IZUMI", 5);
    placedRequests("MIYAGINO", 6);
    requests("MIYAGINO", 4);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.placementRate",
            "wards.AOBA.medianHoursToPlacement",
            "wards.IZUMI.placementRate",
            "wards.IZUMI.medianHoursToPlacement")
        .doesNotContain(
            "wards.MIYAGINO.placementRate",
            "total.placementRate",
            "wards.AOBA.intakesRequested",
            "wards.IZUMI.intakesRequested");
    assertThat(d.statistics().wards().get("AOBA").intakesRequested()).isEqualTo(10);
    assertThat(d.statistics().wards().get("MIYAGINO").placementRate()).isEqualByComparingTo("0.6");
  }

  @Test
  void nights_of_suppressed_stays_are_suppressed() {
    stays("AOBA", ExperienceStayKind.GROUP_HOME_TRIAL, 1, 3);
    stays("IZUMI", ExperienceStayKind.GROUP_HOME_TRIAL, 4, 2);

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.statistics().wards().get("AOBA").experienceStays().nightsStayed()).isNull();
    assertThat(d.suppressed())
        .contains(
            "wards.AOBA.experienceStays.nightsStayed", "wards.IZUMI.experienceStays.nightsStayed");
  }

  @Test
  void a_plan_target_s_actual_and_achievement_are_suppressed_with_their_figure() {
    requests("AOBA", 1);
    requests("IZUMI", 5);
    plan(
        new PlanTarget("AOBA", "intakesRequested", new BigDecimal("10")),
        new PlanTarget(null, "intakesRequested", new BigDecimal("20")));

    StatisticsDisclosure d = suppression.suppress(exact());

    assertThat(d.statistics().plan().get(0).actual()).isNull();
    assertThat(d.statistics().plan().get(0).achievement()).isNull();
    assertThat(d.statistics().plan().get(0).target()).isEqualByComparingTo("10");
    assertThat(d.statistics().plan().get(1).actual()).isEqualByComparingTo("6");
    assertThat(d.suppressed())
        .contains("plan.0.actual", "plan.0.achievement")
        .doesNotContain("plan.1.actual");
  }

  @Test
  void
      analysts_auditors_and_coordinators_see_exact_figures_and_every_other_reader_suppressed_ones() {
    requests("AOBA", 1);
    requests("IZUMI", 5);
    FiscalYearStatistics exact = exact();

    for (String role : List.of("ANALYST", "CITY_AUDITOR", "COORDINATOR")) {
      StatisticsDisclosure d = suppression.forReader(exact, role);
      assertThat(d.statistics()).as(role).isEqualTo(exact);
      assertThat(d.suppressed()).as(role).isEmpty();
      assertThat(d.controlled()).as(role).isFalse();
    }
    for (String role : Arrays.asList("REGIONAL_COUNCIL", "WARD_COUNCIL", "OPERATOR", null)) {
      StatisticsDisclosure d = suppression.forReader(exact, role);
      assertThat(d.suppressed()).as(role).contains("wards.AOBA.intakesRequested");
      assertThat(d.controlled()).as(role).isTrue();
    }
  }

  @Test
  void the_threshold_is_configurable_and_at_least_1() {
    requests("AOBA", 3);
    requests("IZUMI", 2);
    requests("TAIHAKU", 7);

    assertThat(new SmallNumberSuppression(3).suppress(exact()).suppressed())
        .contains("wards.AOBA.intakesRequested", "wards.IZUMI.intakesRequested");
    assertThat(new SmallNumberSuppression(1).suppress(exact()).suppressed())
        .doesNotContain("wards.AOBA.intakesRequested", "wards.IZUMI.intakesRequested");
    assertThatThrownBy(() -> new SmallNumberSuppression(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_json_shows_null_for_each_suppressed_figure_and_lists_its_path_last() throws Exception {
    placedRequests("AOBA", 1);
    requests("AOBA", 9);
    placedRequests("IZUMI", 5);
    requests("IZUMI", 2);
    stays("TAIHAKU", ExperienceStayKind.DAY_ACTIVITY_TRIAL, 2, 0);
    plan(
        new PlanTarget("AOBA", "experienceStays.completed", new BigDecimal("4")),
        new PlanTarget("TAIHAKU", "experienceStays.completed", new BigDecimal("4")));
    StatisticsDisclosure d = suppression.suppress(exact());

    String text = new String(StatisticsFormats.json(d), StandardCharsets.UTF_8);
    JsonNode answer = json.readTree(text);

    assertThat(text).endsWith(",\"suppressed\":" + json.writeValueAsString(d.suppressed()) + "}");
    assertThat(d.suppressed()).isNotEmpty().doesNotHaveDuplicates();
    for (String path : d.suppressed()) {
      JsonNode node = answer.at("/" + path.replace('.', '/'));
      assertThat(node.isNull()).as(path).isTrue();
    }
    assertThat(answer.at("/wards/AOBA/intakesRequested").asInt()).isEqualTo(10);
    JsonNode exactAnswer =
        json.readTree(StatisticsFormats.json(StatisticsDisclosure.exact(exact())));
    assertThat(exactAnswer.get("suppressed")).isEmpty();
    assertThat(exactAnswer.at("/wards/AOBA/placementRate").decimalValue())
        .isEqualByComparingTo("0.1");
  }

  @Test
  void the_csv_shows_x_for_each_suppressed_figure_and_ends_with_a_note_explaining_x() {
    requests("AOBA", 1);
    requests("IZUMI", 5);
    requests("TAIHAKU", 7);
    StatisticsDisclosure d = suppression.suppress(exact());

    List<String> lines =
        new String(
                StatisticsFormats.csv(d, StatisticsCalculatorTest.REGION), StandardCharsets.UTF_8)
            .lines()
            .toList();
    int requested = List.of(lines.get(0).split(",", -1)).indexOf("緊急受入れ依頼件数");
    String[] aoba = lines.get(1).split(",", -1);
    String[] izumi = lines.get(5).split(",", -1);
    String[] total = lines.get(6).split(",", -1);

    assertThat(aoba[1]).isEqualTo("青葉区");
    assertThat(aoba[requested]).isEqualTo("x");
    assertThat(izumi[requested]).isEqualTo("x");
    assertThat(total[requested]).isEqualTo("13");
    assertThat(lines.get(lines.size() - 2)).isEmpty();
    assertThat(lines.get(lines.size() - 1)).startsWith("注,x：秘匿（1〜2の件数");

    String exactCsv =
        new String(
            StatisticsFormats.csv(exact(), StatisticsCalculatorTest.REGION),
            StandardCharsets.UTF_8);
    assertThat(exactCsv).doesNotContain(",x").doesNotContain("注");
  }

  // --- a year built from events -------------------------------------------------------------

  private FiscalYearStatistics exact() {
    ReplayFold fold = new ReplayFold(null);
    log.forEach(fold::accept);
    return fold.statistics(FY, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR);
  }

  private String next(String prefix) {
    return prefix + (++ids);
  }

  private void requests(String ward, int n) {
    for (int k = 0; k < n; k++) {
      log.add(events.intakeRequested(next("i"), ward, MONDAY));
    }
  }

  private void placedRequests(String ward, int n) {
    for (int k = 0; k < n; k++) {
      String id = next("i");
      log.add(events.intakeRequested(id, ward, MONDAY));
      log.add(events.intakePlaced(id, ward, "f1", MONDAY.plusSeconds(3600L * (k + 1))));
    }
  }

  private void closedCases(String ward, int n) {
    for (int k = 0; k < n; k++) {
      String id = next("c");
      log.add(events.coSupportOpened(id, ward, MONDAY));
      log.add(events.coSupportClosed(id, ward, MONDAY.plusSeconds(86_400L * (k + 3))));
    }
  }

  private void stays(String ward, ExperienceStayKind kind, int n, int nights) {
    for (int k = 0; k < n; k++) {
      String id = next("s");
      log.add(
          events.wrap(
              new ExperienceStayArranged(
                  id,
                  ward,
                  kind,
                  null,
                  null,
                  java.time.LocalDate.of(2025, 6, 10),
                  java.time.LocalDate.of(2025, 6, 10).plusDays(nights)),
              MONDAY));
      log.add(events.wrap(new ExperienceStayStarted(id, ward), MONDAY.plusSeconds(7 * 86_400L)));
      log.add(
          events.wrap(
              new ExperienceStayCompleted(
                  id, ward, kind, nights, ExperienceStayOutcome.CONTINUES_AT_HOME),
              MONDAY.plusSeconds(8 * 86_400L)));
    }
  }

  private void plan(PlanTarget... targets) {
    String region = StatisticsCalculatorTest.REGION.code();
    log.add(
        events.wrap(
            new AnnualPlanSet(
                AnnualPlanSet.planIdOf(region, FY), null, region, FY, List.of(targets)),
            jst("2025-04-01T10:00")));
  }
}
