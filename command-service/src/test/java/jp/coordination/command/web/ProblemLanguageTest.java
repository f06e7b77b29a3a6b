package jp.coordination.command.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.ProblemText;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Problem answers follow Accept-Language: Japanese for {@code ja}, English for {@code en} and when
 * the header is absent; type, status and field names are the same in both.
 */
class ProblemLanguageTest extends CommandApiTestSupport {
  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String INTAKE = "0b7d1a52-5d0e-4c41-9d7e-0d6f3c1b2a77";
  private static final String FACILITY = "7c1d2a52-5d0e-4c41-9d7e-0d6f3c1b2a33";

  private static final String WITHOUT_NAME =
      """
      {"id": "%s", "at": null, "ward": "AOBA", "riskFactors": ["CAREGIVER_AGED"], "disabilityTypes": ["INTELLECTUAL"],
       "child": false, "supportNeeds": ["BEHAVIOURAL_SUPPORT"], "consentAt": "2026-05-01T10:00:00+09:00",
       "person": {"address": "青葉区一番町1-1", "birthYear": 1990}}
      """
          .formatted(ID);

  @Test
  void a_validation_problem_is_in_japanese_when_accept_language_asks_for_it() throws Exception {
    mvc.perform(
            postAs("coordinator", "/api/households", WITHOUT_NAME)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja-JP,ja;q=0.9,en;q=0.8"))
        .andExpect(status().isBadRequest())
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "ja"))
        .andExpect(header().string(HttpHeaders.VARY, containsString("Accept-Language")))
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:invalid-request"))
        .andExpect(jsonPath("$.title").value("リクエストが不正です"))
        .andExpect(jsonPath("$.detail").value("不正な項目: person.name。"))
        .andExpect(jsonPath("$.errors[0].field").value("person.name"))
        .andExpect(jsonPath("$.errors[0].message").value("空白以外の文字が必要です"));
  }

  @Test
  void a_business_time_out_of_range_is_explained_in_japanese_with_its_field_and_bounds()
      throws Exception {
    String before2000 =
        WITHOUT_NAME
            .replace("\"address\"", "\"name\": \"山田 花子\", \"address\"")
            .replace("2026-05-01T10:00:00+09:00", "1999-05-01T10:00:00+09:00");

    mvc.perform(
            postAs("coordinator", "/api/households", before2000)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "ja"))
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:invalid-request"))
        .andExpect(jsonPath("$.errors[0].field").value("consentAt"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("2000-04-01T00:00:00+09:00 から現在の 5 分後までの日時である必要があります"))
        .andExpect(
            jsonPath("$.detail")
                .value("項目 consentAt: 2000-04-01T00:00:00+09:00 から現在の 5 分後までの日時である必要があります。"));
    mvc.perform(postAs("coordinator", "/api/households", before2000))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(
                    "must be from 2000-04-01T00:00:00+09:00 to no more than 5 minutes in the future"));
  }

  @Test
  void refused_free_text_is_explained_in_japanese() throws Exception {
    String dollar = WITHOUT_NAME.replace("\"address\"", "\"name\": \"$where\", \"address\"");

    mvc.perform(
            postAs("coordinator", "/api/households", dollar)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("person.name"))
        .andExpect(
            jsonPath("$.errors[0].message").value("先頭に $ は使えません。また、制御文字や対になっていないサロゲート文字は使えません"));
    mvc.perform(postAs("coordinator", "/api/households", dollar))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("must not start with $ or contain control characters or a lone surrogate"));
  }

  @Test
  void the_same_validation_problem_is_in_english_for_en_and_without_the_header() throws Exception {
    for (String language : new String[] {"en", null}) {
      var request = postAs("coordinator", "/api/households", WITHOUT_NAME);
      if (language != null) {
        request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
      }
      mvc.perform(request)
          .andExpect(status().isBadRequest())
          .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
          .andExpect(jsonPath("$.type").value("urn:coordination:problem:invalid-request"))
          .andExpect(jsonPath("$.title").value("Invalid request"))
          .andExpect(jsonPath("$.detail").value("Invalid fields: person.name."))
          .andExpect(jsonPath("$.errors[0].field").value("person.name"))
          .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));
    }
  }

  @Test
  void a_language_the_service_does_not_speak_gets_english() throws Exception {
    mvc.perform(
            postAs("coordinator", "/api/households", WITHOUT_NAME)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
        .andExpect(jsonPath("$.title").value("Invalid request"));
  }

  @Test
  void an_unknown_code_is_explained_in_japanese_listing_the_codes_unchanged() throws Exception {
    mvc.perform(
            postAs(
                    "coordinator",
                    "/api/households",
                    WITHOUT_NAME.replace("CAREGIVER_AGED", "RICH_UNCLE"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("項目 riskFactors[0] の値が不正です。"))
        .andExpect(jsonPath("$.errors[0].field").value("riskFactors[0]"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("不明なコード 'RICH_UNCLE' です")))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("CAREGIVER_AGED")));
  }

  @Test
  void malformed_json_is_explained_in_japanese() throws Exception {
    mvc.perform(
            postAs("coordinator", "/api/households", "{\"id\": ")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("リクエストが不正です"))
        .andExpect(jsonPath("$.detail").value(containsString("正しい JSON ではありません")));
  }

  @Test
  void a_broken_rule_names_statuses_as_codes_in_either_language() throws Exception {
    stored(INTAKE, AggregateType.EMERGENCY_INTAKE, "MIYAGINO");
    given(eventStreams.aggregateTypeOf(FACILITY)).willReturn(Optional.of(AggregateType.FACILITY));
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                ProblemText.of(
                    "rule.intake.status",
                    "CANCELLED",
                    "REQUESTED",
                    RuleBrokenException.action("placed"))));
    String placement = "{\"facilityId\": \"" + FACILITY + "\"}";

    mvc.perform(
            postAs("coordinator", "/api/intakes/" + INTAKE + "/placement", placement)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:rule-broken"))
        .andExpect(jsonPath("$.title").value("業務ルールに反しています"))
        .andExpect(jsonPath("$.detail").value("この緊急受入は CANCELLED です。受入決定は REQUESTED の緊急受入に限られます。"));
    mvc.perform(
            postAs("coordinator", "/api/intakes/" + INTAKE + "/placement", placement)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:rule-broken"))
        .andExpect(jsonPath("$.title").value("Rule broken"))
        .andExpect(
            jsonPath("$.detail")
                .value("The intake is CANCELLED; only a REQUESTED intake can be placed."));
  }

  @Test
  void a_refusal_of_the_security_filters_is_in_japanese_too() throws Exception {
    mvc.perform(
            post("/api/households")
                .with(httpBasic("coordinator", "wrong"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "ja"))
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:unauthenticated"))
        .andExpect(jsonPath("$.title").value("認証が必要です"))
        .andExpect(jsonPath("$.detail").value("このリクエストには有効な認証情報が必要です。"));
  }

  @Test
  void a_problem_spring_raises_itself_gets_a_japanese_title_and_detail() throws Exception {
    mvc.perform(
            delete("/api/households")
                .with(httpBasic("coordinator", "coordinator"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.title").value("許可されていないメソッドです"))
        .andExpect(jsonPath("$.detail").value("メソッド DELETE はこのリソースでは使えません。"))
        .andExpect(jsonPath("$.errors").isArray());
  }

  @Test
  void springs_own_method_not_allowed_answers_texts_not_the_keys_they_were_looked_up_by()
      throws Exception {
    mvc.perform(get("/api/households").with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value(not(startsWith("problemDetail."))))
        .andExpect(jsonPath("$.title").value(not(startsWith("problemDetail."))))
        .andExpect(jsonPath("$.detail").value(not(startsWith("problemDetail."))))
        .andExpect(jsonPath("$.detail").value(containsString("GET")));
    mvc.perform(
            get("/api/households")
                .with(httpBasic("coordinator", "coordinator"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.detail").value("メソッド GET はこのリソースでは使えません。"));
  }
}
