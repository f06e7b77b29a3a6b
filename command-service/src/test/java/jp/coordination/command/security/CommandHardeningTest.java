package jp.coordination.command.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Hostile input gets 400 or 413 problem+json, never 500, never a match; answers carry security
 * headers.
 */
class CommandHardeningTest extends CommandApiTestSupport {
  private static final String H = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";

  private static final String REGISTRATION =
      """
      {"ward":%s,"riskFactors":%s,"disabilityTypes":[],"child":false,"supportNeeds":[],
       "consentAt":"2026-05-01T10:00:00+09:00","person":{"name":%s,"address":"青葉区1-1","birthYear":1990}}""";

  private ResultActions register(String ward, String riskFactors, String name) throws Exception {
    return mvc.perform(
        postAs("coordinator", "/api/households", REGISTRATION.formatted(ward, riskFactors, name)));
  }

  private static void noInternals(ResultActions result) throws Exception {
    result
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(content().string(not(containsString("Exception"))))
        .andExpect(content().string(not(containsString("java."))))
        .andExpect(content().string(not(containsString("at jp."))));
  }

  @Test
  void a_mongodb_operator_object_in_a_string_field_is_refused_with_400() throws Exception {
    noInternals(
        register("{\"$ne\": null}", "[\"ISOLATED\"]", "\"試験 太郎\"")
            .andExpect(status().isBadRequest()));
    noInternals(
        register("\"AOBA\"", "[\"ISOLATED\"]", "{\"$ne\": null}")
            .andExpect(status().isBadRequest()));
    noInternals(
        register("\"AOBA\"", "[{\"$ne\": null}]", "\"試験 太郎\"").andExpect(status().isBadRequest()));
    noInternals(
        register("\"AOBA\"", "{\"$in\": [\"ISOLATED\"]}", "\"試験 太郎\"")
            .andExpect(status().isBadRequest()));
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void a_mongodb_operator_as_the_id_of_a_command_or_in_the_path_is_refused_with_400()
      throws Exception {
    stored(H, AggregateType.HOUSEHOLD, "AOBA");
    noInternals(
        mvc.perform(
                postAs(
                    "coordinator",
                    "/api/households/" + H + "/deregistration",
                    "{\"id\":{\"$ne\":null},\"reason\":\"DECEASED\"}"))
            .andExpect(status().isBadRequest()));
    noInternals(
        mvc.perform(
                post("/api/households/{id}/deregistration", "{\"$ne\":null}")
                    .with(httpBasic("coordinator", "coordinator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"DECEASED\"}"))
            .andExpect(status().isBadRequest()));
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void operator_query_parameters_change_nothing() throws Exception {
    given(commandGateway.sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/intakes?ward[$ne]=AOBA&$where=1",
                "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}"))
        .andExpect(status().isCreated());
  }

  @Test
  void a_body_over_64_kb_is_refused_with_413_problem() throws Exception {
    String huge =
        "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[],\"pad\":\""
            + "x".repeat(70_000)
            + "\"}";
    noInternals(
        mvc.perform(postAs("coordinator", "/api/intakes", huge))
            .andExpect(status().isPayloadTooLarge()));
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void invalid_utf8_is_refused_with_400() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[],\"x\":\""
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    noInternals(
        mvc.perform(
                post("/api/intakes")
                    .with(httpBasic("coordinator", "coordinator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body.toByteArray()))
            .andExpect(status().isBadRequest()));
  }

  @Test
  void an_internal_failure_answers_500_without_internal_details() throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(new IllegalStateException("secret detail at Mongo 10.0.0.7"));
    noInternals(
        mvc.perform(
                postAs(
                    "coordinator",
                    "/api/intakes",
                    "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().string(not(containsString("secret detail")))));
  }

  @Test
  void answers_carry_the_security_headers() throws Exception {
    for (ResultActions result :
        new ResultActions[] {
          mvc.perform(
              postAs(
                  "coordinator",
                  "/api/intakes",
                  "{\"ward\":\"NOWHERE\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}")),
          mvc.perform(post("/api/intakes").contentType(MediaType.APPLICATION_JSON).content("{}"))
        }) {
      result
          .andExpect(header().string("X-Content-Type-Options", "nosniff"))
          .andExpect(header().string("X-Frame-Options", "DENY"))
          .andExpect(
              header()
                  .string("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
          .andExpect(header().string("Referrer-Policy", "no-referrer"))
          .andExpect(header().string("Cache-Control", containsString("no-store")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mallory", "nobody-at-all"})
  void after_five_failed_logins_further_attempts_get_429_for_a_cool_down(String user)
      throws Exception {
    String body = "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}";
    for (int i = 0; i < 5; i++) {
      mvc.perform(
              post("/api/intakes")
                  .with(httpBasic(user, "guess-" + i))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body))
          .andExpect(status().isUnauthorized());
    }
    noInternals(
        mvc.perform(
                post("/api/intakes")
                    .with(httpBasic(user, "guess-6"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(status().isTooManyRequests())
            .andExpect(header().exists("Retry-After")));
    // Other users are not affected.
    given(commandGateway.sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/intakes", body)).andExpect(status().isCreated());
  }
}
