package jp.coordination.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;

class ProblemsTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ProblemWriter writer = new ProblemWriter(json);

  @Test
  void every_problem_type_is_a_urn_of_one_scheme() {
    for (ProblemDetail problem :
        List.of(
            Problems.invalidField("ward", "is required"),
            Problems.unauthenticated(),
            Problems.forbidden(),
            Problems.notFound("No such record."),
            Problems.conflict("id reused", "id"),
            Problems.ruleBroken("closed"),
            Problems.notImplemented("later"),
            Problems.payloadTooLarge(10),
            Problems.tooManyLogins(),
            Problems.overloaded(),
            Problems.internal())) {
      assertThat(problem.getType().toString()).startsWith("urn:coordination:problem:");
      assertThat(problem.getProperties()).containsKey("errors");
    }
    assertThat(
            Problems.of(org.springframework.http.HttpStatus.CONFLICT, "evaluation-not-done", "x")
                .getType())
        .hasToString("urn:coordination:problem:evaluation-not-done");
  }

  @Test
  void titles_and_statuses_are_those_of_the_contract() {
    assertThat(Problems.unauthenticated().getTitle()).isEqualTo("Unauthorized");
    assertThat(Problems.unauthenticated().getStatus()).isEqualTo(401);
    assertThat(Problems.forbidden().getTitle()).isEqualTo("Forbidden");
    assertThat(Problems.forbidden().getStatus()).isEqualTo(403);
    assertThat(Problems.invalidField("at", "must be a time").getTitle())
        .isEqualTo("Invalid request");
    assertThat(Problems.notFound("x").getStatus()).isEqualTo(404);
    assertThat(Problems.conflict("x", null).getStatus()).isEqualTo(409);
    assertThat(Problems.ruleBroken("x").getStatus()).isEqualTo(409);
  }

  @Test
  void an_invalid_field_is_named_in_errors() {
    ProblemDetail problem = Problems.invalidField("person.birthYear", "must not be in the future");
    assertThat(problem.getDetail()).isEqualTo("Field person.birthYear must not be in the future.");
    assertThat(problem.getProperties().get("errors"))
        .isEqualTo(List.of(new FieldProblem("person.birthYear", "must not be in the future")));
  }

  @Test
  void refusals_from_filters_are_problem_json_with_a_challenge() throws Exception {
    MockHttpServletResponse basic = new MockHttpServletResponse();
    writer
        .entryPoint(false)
        .commence(new MockHttpServletRequest(), basic, new BadCredentialsException("x"));
    assertThat(basic.getStatus()).isEqualTo(401);
    assertThat(basic.getContentType()).isEqualTo("application/problem+json");
    assertThat(basic.getHeader("WWW-Authenticate")).startsWith("Basic");
    JsonNode body = json.readTree(basic.getContentAsByteArray());
    assertThat(body.at("/type").asText()).isEqualTo("urn:coordination:problem:unauthenticated");
    assertThat(body.at("/title").asText()).isEqualTo("Unauthorized");
    assertThat(body.at("/errors").isArray()).isTrue();

    MockHttpServletResponse bearer = new MockHttpServletResponse();
    writer
        .entryPoint(true)
        .commence(new MockHttpServletRequest(), bearer, new BadCredentialsException("x"));
    assertThat(bearer.getHeader("WWW-Authenticate")).isEqualTo("Bearer");

    MockHttpServletResponse throttled = new MockHttpServletResponse();
    writer.tooManyLogins(throttled, Duration.ofSeconds(30));
    assertThat(throttled.getStatus()).isEqualTo(429);
    assertThat(throttled.getHeader("Retry-After")).isEqualTo("31");

    MockHttpServletResponse overloaded = new MockHttpServletResponse();
    writer.overloaded(overloaded, Duration.ofMillis(1500));
    assertThat(overloaded.getStatus()).isEqualTo(503);
    assertThat(overloaded.getHeader("Retry-After")).isEqualTo("2");
    assertThat(json.readTree(overloaded.getContentAsByteArray()).at("/type").asText())
        .isEqualTo("urn:coordination:problem:overloaded");
  }
}
