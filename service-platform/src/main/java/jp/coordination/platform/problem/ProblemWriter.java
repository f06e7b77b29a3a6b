package jp.coordination.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes problems from servlet filters, before any controller runs (401, 403, 413, 429, 503), so
 * that a refusal is the same whether or not the addressed record exists.
 */
public class ProblemWriter {
  private final ObjectMapper objectMapper;

  public ProblemWriter(ObjectMapper objectMapper) {
    // With the mixin whatever mapper is given: extra members such as errors[] at the top level, as
    // Spring MVC writes them, not under "properties".
    this.objectMapper =
        objectMapper.copy().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
  }

  public void tooLarge(HttpServletResponse response, long maxBytes) throws IOException {
    write(response, Problems.payloadTooLarge(maxBytes));
  }

  public void tooManyLogins(HttpServletResponse response, Duration retryAfter) throws IOException {
    response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds() + 1)));
    write(response, Problems.tooManyLogins());
  }

  /**
   * 503 with {@code Retry-After} in whole seconds, rounded up: the header cannot say less than 1.
   */
  public void overloaded(HttpServletResponse response, Duration retryAfter) throws IOException {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    response.setHeader("Retry-After", String.valueOf(seconds));
    write(response, Problems.overloaded());
  }

  /** 401 problem+json, announcing Bearer (production) or Basic (local run) authentication. */
  public AuthenticationEntryPoint entryPoint(boolean bearer) {
    String challenge = bearer ? "Bearer" : "Basic realm=\"coordination\"";
    return (request, response, exception) -> {
      response.setHeader("WWW-Authenticate", challenge);
      write(
          response,
          exception instanceof ExplainedAuthenticationFailure explained
              ? Problems.unauthenticated(explained.reason())
              : Problems.unauthenticated());
    };
  }

  public AccessDeniedHandler accessDeniedHandler() {
    return (request, response, exception) -> write(response, Problems.forbidden());
  }

  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // As ProblemHandler does for the answers of Spring MVC (ProblemLanguage.describe).
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, ProblemLanguage.current().toLanguageTag());
    if (response.getHeaders(HttpHeaders.VARY).stream()
        .noneMatch(v -> v.toLowerCase().contains("accept-language"))) {
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
