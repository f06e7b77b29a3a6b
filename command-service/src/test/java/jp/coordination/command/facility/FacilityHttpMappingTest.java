package jp.coordination.command.facility;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The HTTP mapping of the facility commands, with the command gateway stubbed: body validation,
 * roles and ward scope, and how a refusal thrown by the aggregate is answered (status,
 * problem+json, field). A stubbed refusal proves only the mapping; the rule itself is tested on the
 * aggregate ({@code FacilityTest}).
 */
class FacilityHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = BOUND_FACILITY;

  /** A facility the demo user {@code facility} does not answer for. */
  private static final String NOT_ITS_OWN = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";

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
    mvc.perform(
            postAs(
                "coordinator",
                "/api/facilities",
                REGISTRATION.formatted("2").replace("MEDICAL_CARE", "SPA")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("capabilities[0]"));
  }

  @Test
  void a_facility_may_declare_its_availability() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);
    mvc.perform(
            postAs("facility", "/api/facilities/" + ID + "/availability", "{\"availableBeds\": 1}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(3));
  }

  @Test
  void a_field_the_aggregate_rejects_is_answered_400_naming_the_field() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new FieldRejectedException(
                "availableBeds", "must be between 0 and the facility's 2 emergency beds"));
    mvc.perform(
            postAs("facility", "/api/facilities/" + ID + "/availability", "{\"availableBeds\": 3}"))
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
    mvc.perform(
            postAs(
                "coordinator",
                "/api/facilities",
                "{\"name\": \"泉ホーム\", \"ward\": \"IZUMI\", \"kind\": \"GROUP_HOME\", \"capabilities\": [], \"emergencyBeds\": \"3\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("emergencyBeds"));
  }

  @Test
  void an_enumeration_given_by_position_is_refused_naming_the_field() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/facilities",
                "{\"name\": \"泉ホーム\", \"ward\": \"IZUMI\", \"kind\": 0, \"capabilities\": [], \"emergencyBeds\": 3}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("kind"));
  }

  @Test
  void a_facility_account_may_not_declare_the_beds_of_a_facility_it_does_not_answer_for()
      throws Exception {
    stored(NOT_ITS_OWN, AggregateType.FACILITY, "IZUMI");
    mvc.perform(
            postAs(
                "facility",
                "/api/facilities/" + NOT_ITS_OWN + "/availability",
                "{\"availableBeds\": 0}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_facility_registered_after_start_up_is_not_answered_for_by_an_existing_facility_account()
      throws Exception {
    String registeredNow = "7f0e1d2c-3b4a-4958-a7b6-c5d4e3f2a1b0";
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/facilities",
                REGISTRATION.formatted("2").replace("{", "{\"id\": \"" + registeredNow + "\", ")))
        .andExpect(status().isCreated());
    stored(registeredNow, AggregateType.FACILITY, "IZUMI");

    mvc.perform(
            postAs(
                "facility",
                "/api/facilities/" + registeredNow + "/availability",
                "{\"availableBeds\": 0}"))
        .andExpect(status().isForbidden());
    then(commandGateway).should(org.mockito.Mockito.times(1)).sendAndWait(any());
  }

  @Test
  void a_facility_token_answers_for_the_facilities_of_its_facilities_claim_only() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    stored(NOT_ITS_OWN, AggregateType.FACILITY, "IZUMI");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);

    mvc.perform(availabilityWithToken(NOT_ITS_OWN, List.of(NOT_ITS_OWN)))
        .andExpect(status().isOk());
    mvc.perform(availabilityWithToken(ID, List.of(NOT_ITS_OWN))).andExpect(status().isForbidden());
  }

  @Test
  void a_facility_token_without_a_facilities_claim_answers_for_no_facility() throws Exception {
    stored(ID, AggregateType.FACILITY, "IZUMI");
    mvc.perform(availabilityWithToken(ID, null)).andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  /**
   * A FACILITY token of the identity provider, with the given {@code facilities} claim (none when
   * null).
   */
  private static MockHttpServletRequestBuilder availabilityWithToken(
      String facilityId, List<String> claim) {
    return post("/api/facilities/" + facilityId + "/availability")
        .with(
            jwt()
                .jwt(
                    token -> {
                      token.subject("facility-user-1");
                      if (claim != null) {
                        token.claim("facilities", claim);
                      }
                    })
                .authorities(new SimpleGrantedAuthority("ROLE_FACILITY")))
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"availableBeds\": 1}");
  }
}
