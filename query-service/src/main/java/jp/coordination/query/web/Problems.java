package jp.coordination.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds problem details with this service's type URIs; also for filters that run before Spring MVC. */
public final class Problems {

  private Problems() {}

  /** A problem whose type is {@code /problems/<slug>}. */
  public static ProblemDetail of(HttpStatus status, String slug, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("/problems/" + slug));
    problem.setTitle(status.getReasonPhrase());
    return problem;
  }

  /** Writes a problem straight to the servlet response (security filters have no MVC around them). */
  public static void write(
      HttpServletResponse response, ObjectMapper mapper, HttpStatus status, String slug, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "/problems/" + slug);
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), body);
  }
}
