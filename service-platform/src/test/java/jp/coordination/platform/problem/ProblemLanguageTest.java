package jp.coordination.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class ProblemLanguageTest {
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void unbind() {
    RequestContextHolder.resetRequestAttributes();
  }

  private static MockHttpServletRequest answering(String acceptLanguage) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    if (acceptLanguage != null) {
      request.addHeader("Accept-Language", acceptLanguage);
    }
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    return request;
  }

  @Test
  void japanese_is_chosen_only_when_accept_language_prefers_it() {
    assertThat(ProblemLanguage.of(request("ja"))).isEqualTo(Locale.JAPANESE);
    assertThat(ProblemLanguage.of(request("ja-JP,ja;q=0.9,en;q=0.8"))).isEqualTo(Locale.JAPANESE);
    assertThat(ProblemLanguage.of(request("en-US,en;q=0.9,ja;q=0.8"))).isEqualTo(Locale.ENGLISH);
    assertThat(ProblemLanguage.of(request("fr"))).isEqualTo(Locale.ENGLISH);
    assertThat(ProblemLanguage.of(request(null))).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void outside_a_request_problems_are_english_whatever_the_jvm_locale() {
    Locale jvm = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertThat(Problems.forbidden().getTitle()).isEqualTo("Forbidden");
      assertThat(Problems.forbidden().getDetail())
          .isEqualTo("Your role or ward scope does not allow this request.");
    } finally {
      Locale.setDefault(jvm);
    }
  }

  @Test
  void the_same_problem_differs_only_in_title_detail_and_messages() {
    answering("ja");
    ProblemDetail japanese = Problems.invalidField("ward", ProblemText.of("field.required"));
    answering("en");
    ProblemDetail english = Problems.invalidField("ward", ProblemText.of("field.required"));

    assertThat(japanese.getType()).isEqualTo(english.getType());
    assertThat(japanese.getStatus()).isEqualTo(english.getStatus());
    assertThat(japanese.getTitle()).isEqualTo("リクエストが不正です");
    assertThat(japanese.getDetail()).isEqualTo("項目 ward: 必須です。");
    assertThat(japanese.getProperties().get("errors"))
        .isEqualTo(List.of(new FieldProblem("ward", "必須です")));
    assertThat(english.getTitle()).isEqualTo("Invalid request");
    assertThat(english.getDetail()).isEqualTo("Field ward is required.");
    assertThat(english.getProperties().get("errors"))
        .isEqualTo(List.of(new FieldProblem("ward", "is required")));
  }

  @Test
  void a_kind_named_in_not_known_is_translated_and_the_id_quoted_as_given() {
    answering("ja");
    assertThat(new NotFoundException("Ward", "XYZ").localizedMessage())
        .isEqualTo("区 XYZ は登録されていません。");
    assertThat(new NotFoundException("Ward", "XYZ").getMessage())
        .isEqualTo("Ward XYZ is not known.");
    assertThat(new NotFoundException("Thing", "1").localizedMessage())
        .isEqualTo("Thing 1 は登録されていません。");
  }

  @Test
  void numbers_in_texts_keep_their_digits_ungrouped() {
    answering(null);
    assertThat(Problems.payloadTooLarge(1_048_576).getDetail())
        .isEqualTo("The request body is larger than 1048576 bytes.");
  }

  @Test
  void refusals_written_by_filters_are_in_the_requests_language_and_say_so() throws Exception {
    MockHttpServletRequest request = answering("ja");
    ProblemWriter writer = new ProblemWriter(json);
    MockHttpServletResponse response = new MockHttpServletResponse();
    writer.entryPoint(false).commence(request, response, null);
    JsonNode body =
        json.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(body.at("/type").asText()).isEqualTo("urn:coordination:problem:unauthenticated");
    assertThat(body.at("/title").asText()).isEqualTo("認証が必要です");
    assertThat(body.at("/detail").asText()).isEqualTo("このリクエストには有効な認証情報が必要です。");
    assertThat(response.getHeader("Content-Language")).isEqualTo("ja");
    assertThat(response.getHeaders("Vary")).contains("Accept-Language");

    MockHttpServletResponse busy = new MockHttpServletResponse();
    answering(null);
    writer.overloaded(busy, Duration.ofSeconds(1));
    assertThat(json.readTree(busy.getContentAsByteArray()).at("/title").asText())
        .isEqualTo("Service unavailable");
    assertThat(busy.getHeader("Content-Language")).isEqualTo("en");
  }

  private static MockHttpServletRequest request(String acceptLanguage) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    if (acceptLanguage != null) {
      request.addHeader("Accept-Language", acceptLanguage);
    }
    return request;
  }
}
