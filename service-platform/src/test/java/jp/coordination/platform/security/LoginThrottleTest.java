package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import jp.coordination.platform.problem.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-06-02T03:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final LoginThrottle throttle =
      new LoginThrottle(5, Duration.ofMinutes(1), clock, new ProblemWriter(new ObjectMapper()));

  private int attempt(String user, String address, int statusOfTheChain) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/intakes");
    request.setRemoteAddr(address);
    request.addHeader(
        "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
    MockHttpServletResponse response = new MockHttpServletResponse();
    throttle.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(statusOfTheChain));
    return response.getStatus();
  }

  @Test
  void five_failures_lock_the_name_from_that_address_for_the_window() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(attempt("coordinator", "10.0.0.1", 401)).isEqualTo(401);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 200)).as("even the right password").isEqualTo(429);
    assertThat(attempt("coordinator", "10.0.0.2", 200)).as("another address").isEqualTo(200);
    assertThat(attempt("analyst", "10.0.0.1", 200)).as("another name").isEqualTo(200);
    now = now.plus(Duration.ofSeconds(61));
    assertThat(attempt("coordinator", "10.0.0.1", 200)).isEqualTo(200);
  }

  @Test
  void a_success_resets_the_count() throws Exception {
    for (int i = 0; i < 4; i++) {
      attempt("coordinator", "10.0.0.1", 401);
    }
    attempt("coordinator", "10.0.0.1", 200);
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("coordinator", "10.0.0.1", 401)).isEqualTo(401);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 200)).isEqualTo(200);
  }

  @Test
  void a_basic_header_names_the_user_or_nothing() {
    assertThat(LoginThrottle.basicUser("Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes())))
        .isEqualTo("a");
    assertThat(LoginThrottle.basicUser("Bearer x")).isNull();
    assertThat(LoginThrottle.basicUser("Basic !!!")).isNull();
  }
}
