package jp.coordination.command.experiencestay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

/**
 * The HTTP mapping of the experience stay commands, with the command gateway stubbed: body
 * validation, the checks of other records (registered facility, visible household), ward scope and
 * how the aggregate's refusals are answered. The rules themselves are tested on the aggregate
 * ({@code ExperienceStayTest}).
 */
class ExperienceStayHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
  private static final String HOUSEHOLD = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String FACILITY = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";
  private static final String ARRANGE =
      """
      {"id": "%s", "ward": "AOBA", "kind": "GROUP_HOME_TRIAL", "householdId": "%s", "facilityId": "%s",
       "firstDay": "2026-06-10", "lastDay": "2026-06-14"}"""
          .formatted(ID, HOUSEHOLD, FACILITY);
  private static final String WITHOUT_REFERENCES =
      """
      {"ward": "AOBA", "kind": "LIVING_ALONE_TRIAL", "firstDay": "2026-06-10", "lastDay": "2026-06-12"}""";

  private void householdAndFacilityStored() {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "AOBA");
    stored(FACILITY, AggregateType.FACILITY, "TAIHAKU");
  }

  @Test
  void arranging_a_stay_answers_201_with_its_location() throws Exception {
    householdAndFacilityStored();
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(postAs("coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost/api/experience-stays/" + ID))
        .andExpect(jsonPath("$.id").value(ID))
        .andExpect(jsonPath("$.sequence").value(0));

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getPayload())
        .isEqualTo(
            new ArrangeExperienceStay(
                ID,
                "AOBA",
                ExperienceStayKind.GROUP_HOME_TRIAL,
                HOUSEHOLD,
                FACILITY,
                LocalDate.of(2026, 6, 10),
                LocalDate.of(2026, 6, 14)));
  }

  @Test
  void a_stay_without_household_or_facility_looks_nothing_up() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/experience-stays", WITHOUT_REFERENCES))
        .andExpect(status().isCreated());
    then(eventStreams).shouldHaveNoInteractions();
  }

  @Test
  void a_facility_that_is_not_registered_is_refused_with_409_naming_facilityId() throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(postAs("coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("facilityId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_facility_id_of_another_kind_of_record_is_refused_with_409() throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "AOBA");
    stored(FACILITY, AggregateType.EMERGENCY_INTAKE, "AOBA");
    mvc.perform(postAs("coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isConflict());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_unknown_household_answers_404_naming_householdId() throws Exception {
    stored(FACILITY, AggregateType.FACILITY, "AOBA");
    mvc.perform(postAs("coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].field").value("householdId"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_name_a_household_of_another_ward() throws Exception {
    stored(HOUSEHOLD, AggregateType.HOUSEHOLD, "IZUMI");
    stored(FACILITY, AggregateType.FACILITY, "AOBA");
    mvc.perform(postAs("aoba-coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_learns_nothing_of_an_unknown_household() throws Exception {
    stored(FACILITY, AggregateType.FACILITY, "AOBA");
    mvc.perform(postAs("aoba-coordinator", "/api/experience-stays", ARRANGE))
        .andExpect(status().isForbidden());
  }

  @Test
  void an_aoba_coordinator_may_not_arrange_a_stay_in_another_ward() throws Exception {
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("AOBA", "IZUMI")))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_unknown_kind_is_refused_naming_kind() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("LIVING_ALONE_TRIAL", "SPA")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("kind"));
  }

  @Test
  void a_day_that_is_not_a_date_is_refused_naming_it() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("2026-06-12", "2026-02-30")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("lastDay"));
  }

  @Test
  void a_missing_first_day_is_refused_naming_firstDay() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("\"firstDay\": \"2026-06-10\", ", "")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("firstDay"));
  }

  @Test
  void a_first_day_before_fiscal_year_2000_is_refused_naming_firstDay() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("2026-06-10", "1999-06-10")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("firstDay"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_last_day_years_ahead_is_refused_naming_lastDay() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("2026-06-12", "+99999-06-12")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("lastDay"));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays",
                WITHOUT_REFERENCES.replace("2026-06-12", "2030-06-12")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("lastDay"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_stay_the_aggregate_finds_too_long_is_refused_naming_lastDay() throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new FieldRejectedException("lastDay", "must be at most 30 nights after firstDay"));
    mvc.perform(postAs("coordinator", "/api/experience-stays", WITHOUT_REFERENCES))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("lastDay"));
  }

  @Test
  void starting_needs_no_body() throws Exception {
    stored(ID, AggregateType.EXPERIENCE_STAY, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);
    mvc.perform(
            post("/api/experience-stays/" + ID + "/start")
                .with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
    mvc.perform(postAs("coordinator", "/api/experience-stays/" + ID + "/start", "{}"))
        .andExpect(status().isOk());
  }

  @Test
  void starting_a_stay_that_is_not_arranged_is_answered_409() throws Exception {
    stored(ID, AggregateType.EXPERIENCE_STAY, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                "The experience stay is CANCELLED; only a stay that is ARRANGED can be started."));
    mvc.perform(postAs("coordinator", "/api/experience-stays/" + ID + "/start", "{}"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "The experience stay is CANCELLED; only a stay that is ARRANGED can be started."));
  }

  @Test
  void starting_an_intake_is_not_starting_a_stay() throws Exception {
    stored(ID, AggregateType.EMERGENCY_INTAKE, "AOBA");
    mvc.perform(postAs("coordinator", "/api/experience-stays/" + ID + "/start", "{}"))
        .andExpect(status().isNotFound());
  }

  @Test
  void completing_with_more_than_30_nights_is_refused_naming_nightsStayed() throws Exception {
    stored(ID, AggregateType.EXPERIENCE_STAY, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays/" + ID + "/completion",
                "{\"nightsStayed\": 31, \"outcome\": \"OTHER\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("nightsStayed"));
  }

  @Test
  void completing_without_an_outcome_is_refused_naming_outcome() throws Exception {
    stored(ID, AggregateType.EXPERIENCE_STAY, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays/" + ID + "/completion",
                "{\"nightsStayed\": 3}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("outcome"));
  }

  @Test
  void cancelling_without_a_reason_is_refused_naming_reason() throws Exception {
    stored(ID, AggregateType.EXPERIENCE_STAY, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/experience-stays/" + ID + "/cancellation",
                "{\"reason\": \" \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
  }

  @Test
  void a_facility_may_not_arrange_a_stay() throws Exception {
    mvc.perform(postAs("facility", "/api/experience-stays", WITHOUT_REFERENCES))
        .andExpect(status().isForbidden());
  }
}
