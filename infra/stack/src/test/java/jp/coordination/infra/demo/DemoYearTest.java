package jp.coordination.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoYearTest {

  private static final DemoPlan STANDARD = DemoYear.standard();

  @Test
  void the_same_seed_gives_the_same_commands_byte_for_byte() {
    assertThat(DemoYear.generate(DemoYear.DEFAULT_SEED, 1.0).commands())
        .isEqualTo(STANDARD.commands());
    assertThat(DemoYear.generate(7, 1.0).commands()).isNotEqualTo(STANDARD.commands());
  }

  @Test
  void the_year_has_the_volumes_of_the_brief() {
    DemoTotals totals = STANDARD.totals();
    assertThat(totals.total(w -> w.householdsRegistered)).isEqualTo(250);
    assertThat(totals.total(w -> w.intakesRequested)).isEqualTo(180);
    assertThat(totals.total(w -> w.coSupportsOpened)).isEqualTo(90);
    assertThat(totals.total(w -> w.facilities)).isEqualTo(20);
    assertThat(totals.total(w -> w.intakesOutOfHours)).isBetween(40, 110);
    assertThat(totals.total(w -> w.intakesFromUnregisteredHouseholds)).isBetween(30, 120);
    assertThat(totals.total(w -> w.intakesReusedWithin180Days)).isBetween(3, 15);
    assertThat(totals.total(w -> w.declines)).isPositive();
    assertThat(totals.total(w -> w.intakesCancelled)).isPositive();
  }

  @Test
  void volumes_follow_the_ward_populations() {
    Map<String, DemoTotals.Ward> wards = STANDARD.totals().wards();
    assertThat(wards.get("AOBA").intakesRequested)
        .isGreaterThan(wards.get("TAIHAKU").intakesRequested);
    assertThat(wards.get("TAIHAKU").intakesRequested)
        .isGreaterThan(wards.get("WAKABAYASHI").intakesRequested);
    assertThat(wards.get("AOBA").householdsRegistered).isBetween(65, 80); // 315/1095 of 250 = 72
  }

  @Test
  void the_reported_totals_are_what_the_commands_say() {
    List<DemoCommand> commands = STANDARD.commands();
    for (String ward : DemoYear.POPULATION.keySet()) {
      long requested =
          commands.stream()
              .filter(
                  c ->
                      c.path().equals("/api/intakes")
                          && c.body().contains("\"ward\":\"" + ward + "\""))
              .count();
      assertThat(requested).as(ward).isEqualTo(STANDARD.totals().ward(ward).intakesRequested);
    }
    long placements = commands.stream().filter(c -> c.path().endsWith("/placement")).count();
    assertThat(placements).isEqualTo(STANDARD.totals().total(w -> w.intakesPlaced));
    long registrations = commands.stream().filter(c -> c.path().equals("/api/households")).count();
    assertThat(registrations).isEqualTo(250);
  }

  @Test
  void every_business_time_lies_in_fiscal_year_2024_and_the_commands_are_in_time_order() {
    Instant start = LocalDate.of(2024, 4, 1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant();
    Instant end = LocalDate.of(2025, 4, 1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant();
    Instant previous = Instant.MIN;
    for (DemoCommand command : STANDARD.commands()) {
      assertThat(command.at()).isAfterOrEqualTo(start).isBefore(end);
      assertThat(command.at()).isAfterOrEqualTo(previous);
      previous = command.at();
    }
  }

  @Test
  void ids_are_unique_and_every_command_has_one() {
    List<String> ids = STANDARD.commands().stream().map(c -> DemoLoader.idOf(c.body())).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void a_scaled_year_is_bigger_in_proportion() {
    DemoPlan ten = DemoYear.generate(DemoYear.DEFAULT_SEED, 10);
    assertThat(ten.totals().total(w -> w.intakesRequested)).isEqualTo(1800);
    assertThat(ten.totals().total(w -> w.householdsRegistered)).isEqualTo(2500);
  }

  @Test
  void the_year_has_the_hub_s_other_functions_in_realistic_volumes() {
    DemoTotals totals = STANDARD.totals();
    assertThat(totals.total(w -> w.experienceStaysArranged)).isEqualTo(36);
    assertThat(totals.total(w -> w.experienceStaysCompleted)).isBetween(20, 34);
    assertThat(totals.total(w -> w.experienceStaysCancelled)).isPositive();
    // Every registered household is checked on a few times a year.
    assertThat(totals.total(w -> w.contacts)).isBetween(300, 1200);
    List<DemoCommand> commands = STANDARD.commands();
    long trainings =
        commands.stream()
            .filter(c -> c.path().equals("/api/capacity-activities"))
            .filter(c -> c.body().contains("\"kind\":\"TRAINING\""))
            .count();
    long caseReviews =
        commands.stream()
            .filter(c -> c.path().equals("/api/capacity-activities"))
            .filter(c -> c.body().contains("\"kind\":\"CASE_REVIEW_MEETING\""))
            .count();
    assertThat(trainings).as("monthly trainings").isEqualTo(12);
    assertThat(caseReviews).as("monthly case reviews").isEqualTo(12);
    assertThat(totals.capacityActivities).isGreaterThanOrEqualTo(30);
    assertThat(totals.regionWideCapacityActivities).isPositive();
    long issues = commands.stream().filter(c -> c.path().equals("/api/community-issues")).count();
    long fromDeclines =
        commands.stream()
            .filter(c -> c.path().equals("/api/community-issues"))
            .filter(c -> c.body().contains("INTAKE_DECLINES"))
            .count();
    assertThat(issues).isEqualTo(6);
    assertThat(fromDeclines).isGreaterThan(issues / 2);
    assertThat(
            commands.stream()
                .filter(
                    c ->
                        c.path().endsWith("/closure")
                            && c.path().startsWith("/api/community-issues/")))
        .isNotEmpty();
    DemoCommand plan =
        commands.stream()
            .filter(c -> c.method().equals("PUT") && c.path().startsWith("/api/plans/"))
            .findFirst()
            .orElseThrow();
    assertThat(plan.path()).isEqualTo("/api/plans/2024");
    assertThat(plan.body()).contains("\"figure\":\"experienceStays.completed\"");
    assertThat(totals.planTargets).isEqualTo(10);
  }

  @Test
  void the_reported_totals_of_the_hub_s_functions_are_what_the_commands_say() {
    List<DemoCommand> commands = STANDARD.commands();
    for (String ward : DemoYear.POPULATION.keySet()) {
      DemoTotals.Ward w = STANDARD.totals().ward(ward);
      String inWard = "\"ward\":\"" + ward + "\"";
      assertThat(
              commands.stream()
                  .filter(c -> c.path().equals("/api/experience-stays"))
                  .filter(c -> c.body().contains(inWard))
                  .count())
          .as(ward)
          .isEqualTo(w.experienceStaysArranged);
      assertThat(
              commands.stream()
                  .filter(c -> c.path().equals("/api/capacity-activities"))
                  .filter(c -> c.body().contains("\"" + ward + "\""))
                  .count())
          .as(ward)
          .isEqualTo(w.capacityActivities);
      assertThat(w.experienceStaysArranged)
          .isEqualTo(
              w.experienceStaysCompleted
                  + w.experienceStaysCancelled
                  + w.experienceStaysArrangedAtYearEnd
                  + w.experienceStaysInProgressAtYearEnd);
    }
    assertThat(commands.stream().filter(c -> c.path().endsWith("/contacts")).count())
        .isEqualTo(STANDARD.totals().total(w -> w.contacts));
    assertThat(
            commands.stream()
                .filter(
                    c ->
                        c.path().endsWith("/completion")
                            && c.path().startsWith("/api/experience-stays/"))
                .count())
        .isEqualTo(STANDARD.totals().total(w -> w.experienceStaysCompleted));
  }
}
