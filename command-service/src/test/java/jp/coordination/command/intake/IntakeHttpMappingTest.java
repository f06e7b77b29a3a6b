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
 * The HTTP mapping of the emergency intake commands, with the command gateway stubbed: body
 * validation, roles and ward scope, and how a refusal thrown by the aggregate is answered (status,
 * problem+json, field). A stubbed refusal proves only the mapping; the rule itself is tested on the
 * aggregate ({@code EmergencyIntakeTest}).
 */
class IntakeHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "0b7d5a7e-1f5c-4a3e-8e8a-3f1f2b6c9d01";
  private static final String FACILITY = BOUND_FACILITY;

  /** A facility the demo user {@code facility} does not answer for. */
  private static final String ANOTHER_FACILITY = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";

  private static final String HOUSEHOLD = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String REQUEST_FOR_HOUSEHOLD =
      """
      {"ward": "AOBA", "householdId": "%s", "trigger": "CAREGIVER_SUDDEN_ILLNESS", "supportNeeds": []}
      """
          .formatted(HOUSEHOLD);
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
    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes",
                REQUEST.replace("CAREGIVER_SUDDEN_ILLNESS", "BOREDOM")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("trigger"));
  }

  @Test
  void a_household_id_that_is_not_a_uuid_is_refused_naming_householdId() throws Exception {
    mvc.perform(
            postAs(
                "coordinator", "/api/intakes", REQUEST.replace("{", "{\"householdId\": \"h-1\", ")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
  }

  @Test
  void placing_in_a_registered_facility_answers_200() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
  }

  @Test
  void a_placement_carries_the_expected_last_day_to_its_command() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\", \"expectedLastDay\": \"2026-06-14\"}"))
        .andExpect(status().isOk());

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getPayload())
        .isEqualTo(new PlaceEmergencyIntake(ID, FACILITY, java.time.LocalDate.of(2026, 6, 14)));
  }

  @Test
  void an_expected_last_day_that_is_no_date_is_refused_naming_it() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\", \"expectedLastDay\": \"2026-02-30\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("expectedLastDay"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void placing_in_an_unregistered_facility_is_refused_with_409_naming_facilityId()
      throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.empty());

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("facilityId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void placing_in_something_that_is_not_a_facility_is_refused_with_409() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.HOUSEHOLD));

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void a_rule_the_aggregate_says_is_broken_is_answered_409_with_its_message() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                "The intake is CANCELLED; only a REQUESTED intake can be placed."));

    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value("The intake is CANCELLED; only a REQUESTED intake can be placed."));
  }

  @Test
  void a_facility_may_record_its_decline() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);

    mvc.perform(
            postAs(
                "facility",
                "/api/intakes/" + ID + "/declines",
                "{\"facilityId\": \"" + FACILITY + "\", \"reason\": \"NO_BED\"}"))
        .andExpect(status().isOk());

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getMetaData().get("role")).isEqualTo("FACILITY");
  }

  @Test
  void a_facility_account_may_not_record_a_decline_in_the_name_of_another_facility()
      throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    stored(ANOTHER_FACILITY, AggregateType.FACILITY, "MIYAGINO");

    mvc.perform(
            postAs(
                "facility",
                "/api/intakes/" + ID + "/declines",
                "{\"facilityId\": \"" + ANOTHER_FACILITY + "\", \"reason\": \"NO_BED\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_coordinator_may_record_a_decline_a_facility_gave_by_phone() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/declines",
                "{\"facilityId\": \"" + ANOTHER_FACILITY + "\", \"reason\": \"NO_BED\"}"))
        .andExpect(status().isOk());
  }

  @Test
  void a_facility_may_not_request_an_intake() throws Exception {
    mvc.perform(postAs("facility", "/api/intakes", REQUEST)).andExpect(status().isForbidden());
  }

  @Test
  void a_facility_may_not_place_an_intake() throws Exception {
    mvc.perform(
            postAs(
                "facility",
                "/api/intakes/" + ID + "/placement",
                "{\"facilityId\": \"" + FACILITY + "\"}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void an_unknown_decline_reason_is_refused_naming_reason() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes/" + ID + "/declines",
                "{\"facilityId\": \"" + FACILITY + "\", \"reason\": \"TOO_LATE\"}"))
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
    mvc.perform(
            postAs("coordinator", "/api/intakes/" + ID + "/cancellation", "{\"reason\": \"  \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
  }

  @Test
  void an_aoba_coordinator_may_not_request_an_intake_in_another_ward() throws Exception {
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_intake_naming_a_household_that_does_not_exist_is_refused_with_404_naming_householdId()
      throws Exception {
    mvc.perform(postAs("coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_intake_naming_a_record_that_is_not_a_household_is_refused_with_404_naming_householdId()
      throws Exception {
    stored(HOUSEHOLD, AggregateType.FACILITY, "AOBA");
    mvc.perform(postAs("coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_ward_scoped_coordinator_may_not_name_a_household_of_another_ward_in_an_intake()
      throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "IZUMI");
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void
      a_ward_scoped_coordinator_cannot_tell_an_unknown_household_from_one_of_another_ward_in_an_intake()
          throws Exception {
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_ward_scoped_coordinator_may_name_a_household_of_its_ward_in_an_intake() throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isCreated());
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(((RequestEmergencyIntake) sent.getValue().getPayload()).householdId())
        .isEqualTo(HOUSEHOLD);
  }

  @Test
  void
      a_household_another_instance_moved_into_the_coordinators_ward_is_looked_up_again_before_refusing()
          throws Exception {
    // This instance's cache still has the household in IZUMI; MongoDB has it in AOBA.
    given(eventStreams.scopeOf(HOUSEHOLD))
        .willReturn(
            Optional.of(
                new jp.coordination.command.eventstore.StreamScope(
                    AggregateType.HOUSEHOLD, "IZUMI", 1)))
        .willReturn(
            Optional.of(
                new jp.coordination.command.eventstore.StreamScope(
                    AggregateType.HOUSEHOLD, "AOBA", 2)));
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/intakes", REQUEST_FOR_HOUSEHOLD))
        .andExpect(status().isCreated());
    then(eventStreams).should().forget(HOUSEHOLD);
  }
}
