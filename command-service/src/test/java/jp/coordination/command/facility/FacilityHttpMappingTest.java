package jp.coordination.command.facility;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.junit.jupiter.api.Test;

/**
 * The HTTP mapping of the facility commands, with the command gateway stubbed: body validation, roles
 * and ward scope, and how a refusal thrown by the aggregate is answered (status, problem+json,
 * field). A stubbed refusal proves only the mapping; the rule itself is tested on the aggregate
 * ({@code FacilityTest}).
 */
class FacilityHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";
  private static final String REGISTRATION =
      """
      {"name": "泉ショートステイ", "ward": "IZUMI", "kind": "SHORT_STAY", "capabilities": ["MEDICAL_CARE"], "emergencyBeds": %s}
      """;

  @Test
  void registering_a_facility_answers_201() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/facilities", REGISTRATION.formatted("2")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.sequence").value(0));
  }

  @Test
  void negative_emergency_beds_are_refused_naming_emergencyBeds() throws Exception {
    mvc.perform(postAs("coordinator", "/api/facilities", REGISTRATION.formatted("-1")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("emergencyBeds"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void emergency_beds_that_are_not_a_number_are_refused_naming_emergencyBeds() throws Exception {
    mvc.perform(postAs("coordinator", "/api/facilities", REGISTRATION.formatted("\"many\"")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("emergencyBeds"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a number"));
  }

  @Test
  void an_unknown_capability_is_refused_naming_its_position() throws Exception {
    mvc.perform(postAs("coordinator", "/api/facilities", REGISTRATION.formatted("2").replace("MEDICAL_CARE", "SPA")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("capabilities[0]"));
  }

  @Test
  void a_facility_may_declare_its_availability() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);
    mvc.perform(postAs("facility", "/api/facilities/" + ID + "/availability", "{\"availableBeds\": 1}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(3));
  }

  @Test
  void a_field_the_aggregate_rejects_is_answered_400_naming_the_field() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new FieldRejectedException("availableBeds", "must be between 0 and the facility's 2 emergency beds"));
    mvc.perform(postAs("facility", "/api/facilities/" + ID + "/availability", "{\"availableBeds\": 3}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("availableBeds"));
  }

  @Test
  void a_facility_may_not_register_facilities() throws Exception {
    mvc.perform(postAs("facility", "/api/facilities", REGISTRATION.formatted("2")))
        .andExpect(status().isForbidden());
  }

  @Test
  void a_number_sent_as_text_is_refused_naming_the_field() throws Exception {
    mvc.perform(postAs("coordinator", "/api/facilities",
            "{\"name\": \"泉ホーム\", \"ward\": \"IZUMI\", \"kind\": \"GROUP_HOME\", \"capabilities\": [], \"emergencyBeds\": \"3\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("emergencyBeds"));
  }

  @Test
  void an_enumeration_given_by_position_is_refused_naming_the_field() throws Exception {
    mvc.perform(postAs("coordinator", "/api/facilities",
            "{\"name\": \"泉ホーム\", \"ward\": \"IZUMI\", \"kind\": 0, \"capabilities\": [], \"emergencyBeds\": 3}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("kind"));
  }
}
