package jp.coordination.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.ProblemHandler;
import jp.coordination.platform.problem.ProblemLanguage;
import jp.coordination.platform.problem.ProblemTranslator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The dashboard's refusals follow Accept-Language like every problem of the platform: Japanese for
 * {@code ja}, English for {@code en} or without the header, with the same type, status and fields.
 */
class DashboardProblemLanguageTest {
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(
              new DashboardController(null, null, Region.load(null), null, Clock.systemUTC()))
          .setControllerAdvice(
              new ProblemHandler(
                  new StaticListableBeanFactory().getBeanProvider(ProblemTranslator.class)))
          .setLocaleResolver(ProblemLanguage.localeResolver())
          .build();

  private static MockHttpServletRequestBuilder asCoordinator(String path) {
    return get(path)
        .principal(
            new UsernamePasswordAuthenticationToken(
                "coordinator", null, List.of(new SimpleGrantedAuthority("ROLE_COORDINATOR"))));
  }

  @Test
  void an_unknown_ward_is_not_known_in_japanese_for_ja_and_in_english_otherwise() throws Exception {
    mvc.perform(
            asCoordinator("/api/wards/NOWHERE/dashboard").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isNotFound())
        .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "ja"))
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:not-found"))
        .andExpect(jsonPath("$.title").value("見つかりません"))
        .andExpect(jsonPath("$.detail").value("区 NOWHERE は登録されていません。"));
    for (String language : new String[] {"en-GB", null}) {
      MockHttpServletRequestBuilder request = asCoordinator("/api/wards/NOWHERE/dashboard");
      if (language != null) {
        request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
      }
      mvc.perform(request)
          .andExpect(status().isNotFound())
          .andExpect(header().string(HttpHeaders.CONTENT_LANGUAGE, "en"))
          .andExpect(jsonPath("$.type").value("urn:coordination:problem:not-found"))
          .andExpect(jsonPath("$.title").value("Not found"))
          .andExpect(jsonPath("$.detail").value("Ward NOWHERE is not known."));
    }
  }

  @Test
  void a_fiscal_year_out_of_range_is_explained_in_japanese_for_ja_with_its_field_and_bounds()
      throws Exception {
    mvc.perform(
            asCoordinator("/api/wards/AOBA/dashboard?fiscalYear=1999")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:invalid-request"))
        .andExpect(jsonPath("$.title").value("リクエストが不正です"))
        .andExpect(
            jsonPath("$.detail").value("項目 fiscalYear: 2000 から 2100 までの年度である必要があります（例: 2024）。"))
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"))
        .andExpect(jsonPath("$.errors[0].message").value("2000 から 2100 までの年度である必要があります（例: 2024）"));
    mvc.perform(
            asCoordinator("/api/wards/AOBA/dashboard?fiscalYear=1999")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(
            jsonPath("$.detail")
                .value("Field fiscalYear must be a year from 2000 to 2100, e.g. 2024."))
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
  }

  /**
   * The live stream's refusal: an EventSource cannot set headers, but the browser sends its own
   * Accept-Language with it, and the handler answers in that language like any other problem.
   */
  @Test
  void the_stream_limit_is_explained_in_the_language_the_request_asks_for() {
    DashboardController controller =
        new DashboardController(null, null, Region.load(null), null, Clock.systemUTC());
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader(HttpHeaders.ACCEPT_LANGUAGE, "ja,en-US;q=0.9,en;q=0.8");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    try {
      ResponseEntity<ProblemDetail> answer =
          controller.tooManyStreams(new TooManyStreamsException(8, Duration.ofSeconds(30)));

      assertThat(answer.getStatusCode().value()).isEqualTo(429);
      assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
      assertThat(answer.getBody().getType().toString())
          .isEqualTo("urn:coordination:problem:too-many-streams");
      assertThat(answer.getBody().getTitle()).isEqualTo("リクエストが多すぎます");
      assertThat(answer.getBody().getDetail())
          .isEqualTo("ライブダッシュボードの同時接続は1人あたり 8 件までです。いずれかを閉じるか、しばらくしてから再度お試しください。");
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }
}
