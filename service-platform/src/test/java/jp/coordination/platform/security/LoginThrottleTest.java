package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
    MockHttpServletResponse response = new MockHttpServletResponse();
    throttle.doFilter(
        request,
        response,
        (req, res) -> {
          // What the rest of the chain does: accept the credentials unless it answers 401.
          if (statusOfTheChain != 401) {
            throttle.signedIn((HttpServletRequest) req);
          }
          ((MockHttpServletResponse) res).setStatus(statusOfTheChain);
        });
    return response.getStatus();
  }

  private MockHttpServletRequest request(String user, String address) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/intakes");
    request.setRemoteAddr(address);
    request.addHeader(
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
    return request;
  }

  @Test
  void a_request_that_fails_after_signing_in_is_no_failed_login() throws Exception {
    // The store is down: every command of the signed-in user ends in an exception or a 503.
    for (int i = 0; i < 20; i++) {
      MockHttpServletRequest request = request("coordinator", "10.0.0.1");
      assertThatThrownBy(
              () ->
                  throttle.doFilter(
                      request,
                      new MockHttpServletResponse(),
                      (req, res) -> {
                        throttle.signedIn((HttpServletRequest) req);
                        throw new ServletException("Timed out waiting for a server");
                      }))
          .isInstanceOf(ServletException.class);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 503)).isEqualTo(503);
    assertThat(attempt("coordinator", "10.0.0.1", 200)).isEqualTo(200);
  }

  @Test
  void an_error_before_the_credentials_are_checked_is_no_failed_login() throws Exception {
    for (int i = 0; i < 20; i++) {
      MockHttpServletRequest request = request("coordinator", "10.0.0.1");
      assertThatThrownBy(
              () ->
                  throttle.doFilter(
                      request,
                      new MockHttpServletResponse(),
                      (req, res) -> {
                        throw new ServletException("broken before authentication");
                      }))
          .isInstanceOf(ServletException.class);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 200)).isEqualTo(200);
  }

  @Test
  void
      a_burst_of_the_users_own_requests_arriving_at_once_waits_for_places_instead_of_being_refused()
          throws Exception {
    // Requests queued while the service was paused arrive together, and checking credentials takes
    // a moment.
    int burst = 20;
    AtomicInteger refused = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(burst);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int i = 0; i < burst; i++) {
        clients.submit(
            () -> {
              start.await();
              MockHttpServletResponse response = new MockHttpServletResponse();
              throttle.doFilter(
                  request("coordinator", "10.0.0.1"),
                  response,
                  (req, res) -> {
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    throttle.signedIn((HttpServletRequest) req);
                    ((MockHttpServletResponse) res).setStatus(201);
                  });
              if (response.getStatus() == 429) {
                refused.incrementAndGet();
              }
              return null;
            });
      }
      start.countDown();
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(refused.get()).as("requests refused as guesses").isZero();
  }

  @Test
  void many_requests_of_a_signed_in_user_in_flight_at_once_are_not_refused() throws Exception {
    int inFlight = 20;
    CountDownLatch allInside = new CountDownLatch(inFlight);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(inFlight);
    try {
      for (int i = 0; i < inFlight; i++) {
        clients.submit(
            () -> {
              MockHttpServletResponse response = new MockHttpServletResponse();
              // Signed in at once, then slow (a command waiting for the store): all are in flight
              // together.
              throttle.doFilter(
                  request("coordinator", "10.0.0.1"),
                  response,
                  (req, res) -> {
                    throttle.signedIn((HttpServletRequest) req);
                    allInside.countDown();
                    try {
                      release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    ((MockHttpServletResponse) res).setStatus(201);
                  });
              if (response.getStatus() == 429) {
                refused.incrementAndGet();
                allInside.countDown();
              }
              return null;
            });
      }
      allInside.await(5, TimeUnit.SECONDS);
      release.countDown();
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(refused.get()).as("requests refused as guesses").isZero();
  }

  @Test
  void five_failures_lock_the_name_from_that_address_for_the_window() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(attempt("coordinator", "10.0.0.1", 401)).isEqualTo(401);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 200))
        .as("even the right password")
        .isEqualTo(429);
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
  void a_flood_of_invented_names_does_not_unlock_a_locked_name() throws Exception {
    for (int i = 0; i < 5; i++) {
      attempt("coordinator", "10.0.0.1", 401);
    }
    // More distinct failing names than the throttle tracks (100,000), from many addresses, within
    // the window.
    for (int i = 0; i < 100_010; i++) {
      attempt("invented-" + i, "10.1." + (i / 250 % 250) + "." + (i % 250), 401);
    }
    assertThat(attempt("coordinator", "10.0.0.1", 200)).isEqualTo(429);
  }

  @Test
  void concurrent_guesses_cannot_get_past_the_allowed_number() throws Exception {
    int guesses = 20;
    AtomicInteger checked = new AtomicInteger();
    CountDownLatch answered = new CountDownLatch(guesses);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(guesses);
    try {
      for (int i = 0; i < guesses; i++) {
        clients.submit(
            () -> {
              MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/intakes");
              request.setRemoteAddr("10.0.0.9");
              request.addHeader(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString("coordinator:guess".getBytes(StandardCharsets.UTF_8)));
              MockHttpServletResponse response = new MockHttpServletResponse();
              // The credentials check (the rest of the chain) is slow: every guess is in flight at
              // once.
              throttle.doFilter(
                  request,
                  response,
                  (req, res) -> {
                    checked.incrementAndGet();
                    answered.countDown();
                    try {
                      release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    ((MockHttpServletResponse) res).setStatus(401);
                  });
              if (response.getStatus() == 429) {
                answered.countDown();
              }
              return null;
            });
      }
      answered.await(5, TimeUnit.SECONDS);
      release.countDown();
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(checked.get()).as("guesses whose password was checked").isEqualTo(5);
  }

  @Test
  void a_basic_header_names_the_user_or_nothing() {
    assertThat(
            LoginThrottle.basicUser(
                "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes())))
        .isEqualTo("a");
    assertThat(LoginThrottle.basicUser("Bearer x")).isNull();
    assertThat(LoginThrottle.basicUser("Basic !!!")).isNull();
  }
}
