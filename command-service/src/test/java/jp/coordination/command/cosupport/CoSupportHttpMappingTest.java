package jp.coordination.command.cosupport;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The HTTP mapping of the co-support commands, with the command gateway stubbed: body validation,
 * roles and ward scope, and how a refusal thrown by the aggregate is answered (status,
 * problem+json, field). A stubbed refusal proves only the mapping; the rule itself is tested on the
 * aggregate ({@code CoSupportTest}).
 */
class CoSupportHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "c0ffee00-1234-4abc-9def-0123456789ab";
  private static final String HOUSEHOLD = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String OPENING_FOR_HOUSEHOLD =
      """
      {"ward": "AOBA", "officeId": "office-17", "householdId": "%s", "difficulties": ["MEDICAL"]}
      """
          .formatted(HOUSEHOLD);

  @Test
  void opening_a_case_answers_201() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/cosupports",
                "{\"id\": \""
                    + ID
                    + "\", \"ward\": \"TAIHAKU\", \"officeId\": \"office-17\", \"difficulties\": [\"MEDICAL\"]}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(ID));
  }

  @Test
  void opening_a_case_without_difficulties_is_refused_naming_difficulties() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/cosupports",
                "{\"ward\": \"TAIHAKU\", \"officeId\": \"office-17\", \"difficulties\": []}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("difficulties"));
  }

  @Test
  void an_unknown_activity_type_is_refused_naming_type() throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    mvc.perform(
            postAs("coordinator", "/api/cosupports/" + ID + "/activities", "{\"type\": \"PARTY\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("type"));
  }

  @Test
  void a_rule_the_aggregate_says_is_broken_is_answered_409_as_problem_json() throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new RuleBrokenException("The case is closed and cannot be closed again."));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/cosupports/" + ID + "/closure",
                "{\"outcome\": \"ESCALATED\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.status").value(409));
  }

  @Test
  void an_activity_that_lost_a_race_with_another_writer_is_retried_on_the_new_state()
      throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new ConcurrencyException("stream moved on"))
        .willReturn(4L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/cosupports/" + ID + "/activities",
                "{\"type\": \"JOINT_VISIT\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(4));
    org.mockito.Mockito.verify(commandGateway, org.mockito.Mockito.times(2)).sendAndWait(any());
  }

  @Test
  void a_retry_that_raced_its_original_gets_the_original_answer() throws Exception {
    String commandId = "0d15ea5e-0000-4000-8000-000000000001";
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    String body = "{\"id\": \"" + commandId + "\", \"type\": \"CASE_REVIEW\"}";
    java.util.concurrent.atomic.AtomicReference<String> hash =
        new java.util.concurrent.atomic.AtomicReference<>();
    given(commandGateway.sendAndWait(any()))
        .willAnswer(
            call -> {
              org.axonframework.commandhandling.CommandMessage<?> message = call.getArgument(0);
              hash.set((String) message.getMetaData().get("requestHash"));
              given(eventStreams.findCommand(ID, commandId))
                  .willReturn(
                      java.util.Optional.of(
                          new jp.coordination.command.eventstore.StoredCommand(
                              AggregateType.CO_SUPPORT, ID, hash.get(), 7L, false)));
              throw new ConcurrencyException("the original won");
            });
    mvc.perform(postAs("coordinator", "/api/cosupports/" + ID + "/activities", body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(7));
  }

  @Test
  void a_command_that_keeps_losing_races_is_refused_with_409() throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    given(commandGateway.sendAndWait(any())).willThrow(new ConcurrencyException("busy"));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/cosupports/" + ID + "/closure",
                "{\"outcome\": \"ESCALATED\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void a_case_naming_a_household_that_does_not_exist_is_refused_with_404_naming_householdId()
      throws Exception {
    mvc.perform(postAs("coordinator", "/api/cosupports", OPENING_FOR_HOUSEHOLD))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_ward_scoped_coordinator_may_not_name_a_household_of_another_ward_in_a_case()
      throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "IZUMI");
    mvc.perform(postAs("aoba-coordinator", "/api/cosupports", OPENING_FOR_HOUSEHOLD))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_case_naming_a_household_of_the_coordinators_ward_is_opened() throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/cosupports", OPENING_FOR_HOUSEHOLD))
        .andExpect(status().isCreated());
  }
}
