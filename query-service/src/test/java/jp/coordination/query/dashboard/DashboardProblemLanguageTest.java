package jp.coordination.query.dashboard;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.ProblemHandler;
import jp.coordination.platform.problem.ProblemLanguage;
import jp.coordination.platform.problem.ProblemTranslator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The dashboard's refusals follow Accept-Language like every problem of the platform: Japanese for
 * {@code ja}, English for {@code en} or without the header, with the same type, status and fields.
 */
class DashboardProblemLanguageTest {
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(
              new DashboardController(null, null, Region.load(null), null, Clock.systemUTC()))
          .setControllerAdvice(
              new ProblemHandler(new StaticListableBeanFactory().getBeanProvider(ProblemTranslator.class)))
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
    mvc.perform(asCoordinator("/api/wards/NOWHERE/dashboard").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
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
  void an_invalid_parameter_keeps_its_field_and_gets_a_japanese_title_and_frame() throws Exception {
    mvc.perform(asCoordinator("/api/wards/AOBA/dashboard?fiscalYear=1999").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:invalid-request"))
        .andExpect(jsonPath("$.title").value("リクエストが不正です"))
        .andExpect(jsonPath("$.detail").value("項目 fiscalYear: must be a year from 2000 to 2100, e.g. 2024。"))
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
    mvc.perform(asCoordinator("/api/wards/AOBA/dashboard?fiscalYear=1999").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.detail").value("Field fiscalYear must be a year from 2000 to 2100, e.g. 2024."))
        .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"));
  }
}
