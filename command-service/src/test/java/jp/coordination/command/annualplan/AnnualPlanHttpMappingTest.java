package jp.coordination.command.annualplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import jp.coordination.command.eventstore.AggregateAlreadyExistsException;
import jp.coordination.command.eventstore.StoredCommand;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.command.web.CommandWebTestConfiguration;
import jp.coordination.events.AggregateType;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The HTTP mapping of the annual plan: {@code PUT} creates (201) or replaces (200) the plan of the
 * region's year, with the command gateway stubbed. The deadline and the targets' rules are tested
 * on the aggregate ({@code AnnualPlanTest}).
 */
class AnnualPlanHttpMappingTest extends CommandApiTestSupport {
  private static final String PLAN_2026 = AnnualPlanSet.planIdOf("sendai", 2026);
  private static final String TARGETS =
      """
      {"targets": [{"figure": "householdsRegistered", "target": 60},
                   {"ward": "AOBA", "figure": "capacityBuilding.activitiesByKind.TRAINING", "target": 4},
                   {"figure": "experienceStays.transitionRate", "target": 0.25}]}""";

  private static MockHttpServletRequestBuilder putAs(String user, String path, String json) {
    return put(path)
        .with(httpBasic(user, user))
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  private SetAnnualPlan sent() {
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    return (SetAnnualPlan) sent.getValue().getPayload();
  }

  @Test
  void the_first_plan_of_a_year_answers_201_at_the_plans_own_uri() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(putAs("coordinator", "/api/plans/2026", TARGETS))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost/api/plans/2026"))
        .andExpect(jsonPath("$.id").value(PLAN_2026))
        .andExpect(jsonPath("$.sequence").value(0));

    SetAnnualPlan command = sent();
    assertThat(command.planId()).isEqualTo(PLAN_2026);
    assertThat(command.region()).isEqualTo("sendai");
    assertThat(command.fiscalYear()).isEqualTo(2026);
    assertThat(command.decidedAt()).isEqualTo(CommandWebTestConfiguration.NOW);
    assertThat(command.targets())
        .containsExactly(
            new PlanTarget(null, "householdsRegistered", new BigDecimal("60")),
            new PlanTarget(
                "AOBA", "capacityBuilding.activitiesByKind.TRAINING", new BigDecimal("4")),
            new PlanTarget(null, "experienceStays.transitionRate", new BigDecimal("0.25")));
  }

  @Test
  void setting_the_plan_again_answers_200() throws Exception {
    given(eventStreams.aggregateTypeOf(PLAN_2026))
        .willReturn(Optional.of(AggregateType.ANNUAL_PLAN));
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);
    mvc.perform(putAs("coordinator", "/api/plans/2026", TARGETS))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
  }

  @Test
  void a_first_plan_that_lost_a_race_with_another_is_set_again_as_a_replacement() throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(new AggregateAlreadyExistsException(PLAN_2026))
        .willReturn(1L);
    mvc.perform(putAs("coordinator", "/api/plans/2026", TARGETS))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
    Mockito.verify(commandGateway, Mockito.times(2)).sendAndWait(any());
  }

  @Test
  void a_retried_plan_with_the_same_id_gets_the_first_answer_again() throws Exception {
    String commandId = "0d15ea5e-0000-4000-8000-0000000000a1";
    String body = TARGETS.replaceFirst("\\{", "{\"id\": \"" + commandId + "\", ");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(putAs("coordinator", "/api/plans/2026", body)).andExpect(status().isCreated());
    String hash = (String) captured().getMetaData().get("requestHash");
    given(eventStreams.findCommand(PLAN_2026, commandId))
        .willReturn(
            Optional.of(new StoredCommand(AggregateType.ANNUAL_PLAN, PLAN_2026, hash, 0L, true)));

    mvc.perform(putAs("coordinator", "/api/plans/2026", body))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost/api/plans/2026"))
        .andExpect(jsonPath("$.sequence").value(0));
    Mockito.verify(commandGateway, Mockito.times(1)).sendAndWait(any());
  }

  private CommandMessage<?> captured() {
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    return sent.getValue();
  }

  @Test
  void next_years_plan_may_be_set_before_the_year_begins() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(putAs("coordinator", "/api/plans/2027", TARGETS)).andExpect(status().isCreated());
    assertThat(sent().planId()).isEqualTo(AnnualPlanSet.planIdOf("sendai", 2027));
  }

  @Test
  void a_year_after_next_is_refused_naming_fiscalYear() throws Exception {
    mvc.perform(putAs("coordinator", "/api/plans/2028", TARGETS))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_year_before_the_record_is_refused_naming_fiscalYear() throws Exception {
    mvc.perform(putAs("coordinator", "/api/plans/1999", TARGETS))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
  }

  @Test
  void a_year_that_is_not_a_number_is_refused_naming_fiscalYear() throws Exception {
    mvc.perform(putAs("coordinator", "/api/plans/FY2026", TARGETS))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
  }

  @Test
  void
      the_deadline_is_judged_on_when_the_plan_was_decided_which_the_event_carries_as_business_time()
          throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(
            putAs(
                "coordinator",
                "/api/plans/2024",
                "{\"at\": \"2024-04-05T10:00:00+09:00\", " + TARGETS.substring(1)))
        .andExpect(status().isCreated());

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(((SetAnnualPlan) sent.getValue().getPayload()).decidedAt())
        .isEqualTo(Instant.parse("2024-04-05T01:00:00Z"));
    assertThat(sent.getValue().getMetaData().get("occurredAt")).isEqualTo("2024-04-05T01:00:00Z");
  }

  @Test
  void a_plan_set_after_its_deadline_is_answered_409() throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                "The plan of fiscal year 2024 can only be set until 30 June 2025, three months after the year ends."));
    mvc.perform(putAs("coordinator", "/api/plans/2024", TARGETS)).andExpect(status().isConflict());
  }

  @Test
  void a_figure_the_aggregate_does_not_know_is_refused_naming_it() throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new FieldRejectedException("targets[0].figure", "is not a figure of the statistics"));
    mvc.perform(
            putAs(
                "coordinator",
                "/api/plans/2026",
                "{\"targets\": [{\"figure\": \"happiness\", \"target\": 1}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("targets[0].figure"));
  }

  @Test
  void an_unknown_ward_in_a_target_is_refused_naming_it() throws Exception {
    mvc.perform(putAs("coordinator", "/api/plans/2026", TARGETS.replace("AOBA", "SHIBUYA")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("targets[1].ward"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_target_given_as_text_is_refused_naming_it() throws Exception {
    mvc.perform(
            putAs(
                "coordinator",
                "/api/plans/2026",
                "{\"targets\": [{\"figure\": \"householdsRegistered\", \"target\": \"60\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("targets[0].target"));
  }

  @Test
  void a_plan_without_targets_is_refused_naming_targets() throws Exception {
    mvc.perform(putAs("coordinator", "/api/plans/2026", "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("targets"));
  }

  @Test
  void an_aoba_coordinator_may_not_set_the_regions_plan() throws Exception {
    mvc.perform(putAs("aoba-coordinator", "/api/plans/2026", TARGETS))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_council_may_not_set_the_plan() throws Exception {
    mvc.perform(putAs("city-council", "/api/plans/2026", TARGETS))
        .andExpect(status().isForbidden());
  }

  @Test
  void a_plan_id_used_by_another_kind_of_record_is_refused_with_409() throws Exception {
    given(eventStreams.aggregateTypeOf(PLAN_2026)).willReturn(Optional.of(AggregateType.HOUSEHOLD));
    mvc.perform(putAs("coordinator", "/api/plans/2026", TARGETS)).andExpect(status().isConflict());
    then(commandGateway).shouldHaveNoInteractions();
  }
}
