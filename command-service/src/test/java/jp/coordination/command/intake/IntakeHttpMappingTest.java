package jp.coordination.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import jp.coordination.events.intake.IntakeTrigger;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

/**
 * The HTTP mapping of the emergency intake commands, with the command gateway stubbed: body validation, roles
 * and ward scope, and how a refusal thrown by the aggregate is answered (status, problem+json,
 * field). A stubbed refusal proves only the mapping; the rule itself is tested on the aggregate
 * ({@code EmergencyIntakeTest}).
 */
class IntakeHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "0b7d5a7e-1f5c-4a3e-8e8a-3f1f2b6c9d01";
  private static final String FACILITY = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";
  private static final String REQUEST =
      """
      {"ward": "MIYAGINO", "trigger": "CAREGIVER_SUDDEN_ILLNESS", "supportNeeds": ["MEDICAL_CARE"]}
      """;

  @Test
  void requesting_an_intake_without_id_creates_one_with_a_new_id() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(postAs("coordinator", "/api/intakes", REQUEST))
        .andExpect(status().isCreated())
        .andExpect(header().exists("Location"))
        .andExpect(jsonPath("$.sequence").value(0));

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    RequestEmergencyIntake command = (RequestEmergencyIntake) sent.getValue().getPayload();
    assertThat(command.householdId()).isNull();
    assertThat(command.trigger()).isEqualTo(IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS);
    then(eventStreams).shouldHaveNoInteractions(); // no id given: nothing to look up
  }

  @Test
  void an_unknown_trigger_is_refused_naming_trigger() throws Exception {
    mvc.perform(postAs("coordinator", "/api/intakes", REQUEST.replace("CAREGIVER_SUDDEN_ILLNESS", "BOREDOM")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("trigger"));
  }

  @Test
  void a_household_id_that_is_not_a_uuid_is_refused_naming_householdId() throws Exception {
    mvc.perform(postAs("coordinator", "/api/intakes", REQUEST.replace("{", "{\"householdId\": \"h-1\", ")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
  }

  @Test
  void placing_in_a_registered_facility_answers_200() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);

    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/placement", "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
  }

  @Test
  void placing_in_an_unregistered_facility_is_refused_with_409_naming_facilityId() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.empty());

    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/placement", "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("facilityId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void placing_in_something_that_is_not_a_facility_is_refused_with_409() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.HOUSEHOLD));

    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/placement", "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void a_rule_the_aggregate_says_is_broken_is_answered_409_with_its_message() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.sendAndWait(any()))
        .willThrow(new RuleBrokenException("The intake is CANCELLED; only a REQUESTED intake can be placed."));

    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/placement", "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("The intake is CANCELLED; only a REQUESTED intake can be placed."));
  }

  @Test
  void a_facility_may_record_its_decline() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);

    mvc.perform(postAs("facility", "/api/intakes/" + ID + "/declines", "{\"facilityId\": \"" + FACILITY + "\", \"reason\": \"NO_BED\"}"))
        .andExpect(status().isOk());

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getMetaData().get("role")).isEqualTo("FACILITY");
  }

  @Test
  void a_facility_may_not_request_an_intake() throws Exception {
    mvc.perform(postAs("facility", "/api/intakes", REQUEST)).andExpect(status().isForbidden());
  }

  @Test
  void a_facility_may_not_place_an_intake() throws Exception {
    mvc.perform(postAs("facility", "/api/intakes/" + ID + "/placement", "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void an_unknown_decline_reason_is_refused_naming_reason() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/declines", "{\"facilityId\": \"" + FACILITY + "\", \"reason\": \"TOO_LATE\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
  }

  @Test
  void completing_without_an_outcome_is_refused_naming_outcome() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/completion", "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("outcome"));
  }

  @Test
  void cancelling_without_a_reason_is_refused_naming_reason() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    mvc.perform(postAs("coordinator", "/api/intakes/" + ID + "/cancellation", "{\"reason\": \"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
  }

  @Test
  void an_aoba_coordinator_may_not_request_an_intake_in_another_ward() throws Exception {
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }
}
