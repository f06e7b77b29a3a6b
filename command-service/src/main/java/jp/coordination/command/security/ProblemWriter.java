package jp.coordination.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Writes 401 and 403 as problem+json from the security filters, before any controller runs, so
 * the answer is the same whether or not the addressed aggregate exists.
 */
@Component
public class ProblemWriter {
  /** Problem type of a request without valid credentials. */
  public static final URI UNAUTHENTICATED = URI.create("urn:coordination:problem:unauthenticated");

  /** Problem type of a request by a user whose role or ward scope does not allow it. */
  public static final URI FORBIDDEN = URI.create("urn:coordination:problem:forbidden");

  private final ObjectMapper objectMapper;

  public ProblemWriter(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  /** The problem answered when the user may not do this; shared with the controllers' advice. */
  public static ProblemDetail forbidden() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.FORBIDDEN, "Your role or ward scope does not allow this request.");
    problem.setType(FORBIDDEN);
    problem.setTitle("Forbidden");
    problem.setProperty("errors", List.of());
    return problem;
  }

  AuthenticationEntryPoint entryPoint() {
    return (request, response, exception) -> unauthenticated(response, exception);
  }

  AccessDeniedHandler accessDeniedHandler() {
    return (request, response, exception) -> denied(response, exception);
  }

  private void unauthenticated(HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED, "Valid credentials are required for this request.");
    problem.setType(UNAUTHENTICATED);
    problem.setTitle("Unauthorized");
    problem.setProperty("errors", List.of());
    response.setHeader("WWW-Authenticate", "Basic realm=\"coordination\"");
    write(response, problem);
  }

  private void denied(HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    write(response, forbidden());
  }

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
