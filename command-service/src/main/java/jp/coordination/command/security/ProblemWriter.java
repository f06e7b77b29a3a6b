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

  /** Problem type of a body above the size limit. */
  public static final URI TOO_LARGE = URI.create("urn:coordination:problem:payload-too-large");

  /** Problem type of too many failed logins. */
  public static final URI TOO_MANY_LOGINS = URI.create("urn:coordination:problem:too-many-failed-logins");

  void tooLarge(HttpServletResponse response, long maxBytes) throws IOException {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
    problem.setType(TOO_LARGE);
    problem.setTitle("Payload too large");
    problem.setProperty("errors", List.of());
    write(response, problem);
  }

  void tooManyLogins(HttpServletResponse response, java.time.Duration retryAfter) throws IOException {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins; try again later.");
    problem.setType(TOO_MANY_LOGINS);
    problem.setTitle("Too many requests");
    problem.setProperty("errors", List.of());
    response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds() + 1)));
    write(response, problem);
  }

  AuthenticationEntryPoint entryPoint() {
    return entryPoint(false);
  }

  /** 401 problem+json, announcing Bearer (production) or Basic (local run) authentication. */
  AuthenticationEntryPoint entryPoint(boolean bearer) {
    return (request, response, exception) ->
        unauthenticated(response, bearer ? "Bearer" : "Basic realm=\"coordination\"");
  }

  AccessDeniedHandler accessDeniedHandler() {
    return (request, response, exception) -> denied(response, exception);
  }

  private void unauthenticated(HttpServletResponse response, String challenge) throws IOException {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED, "Valid credentials are required for this request.");
    problem.setType(UNAUTHENTICATED);
    problem.setTitle("Unauthorized");
    problem.setProperty("errors", List.of());
    response.setHeader("WWW-Authenticate", challenge);
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
