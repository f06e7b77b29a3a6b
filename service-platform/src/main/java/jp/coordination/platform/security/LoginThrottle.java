package jp.coordination.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing against HTTP Basic: after {@code allowed} failed logins of one user
 * name from one client address within {@code window}, further attempts with that name from that
 * address get 429 until {@code window} has passed since the last failure. In memory, per instance:
 * a restart or a second instance resets it (docs/SECURITY.md). Production logins go to the
 * identity provider, which throttles itself; JWT requests are not counted here.
 */
public final class LoginThrottle extends OncePerRequestFilter {
  private static final int MAX_TRACKED = 100_000;

  private final int allowed;
  private final Duration window;
  private final Clock clock;
  private final ProblemWriter problems;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  public LoginThrottle(int allowed, Duration window, Clock clock, ProblemWriter problems) {
    this.allowed = allowed;
    this.window = window;
    this.clock = clock;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = basicUser(request.getHeader("Authorization"));
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String key = user + "|" + request.getRemoteAddr();
    Instant now = clock.instant();
    Failures seen = failures.get(key);
    if (seen != null && seen.last().plus(window).isBefore(now)) {
      failures.remove(key, seen);
      seen = null;
    }
    if (seen != null && seen.count() >= allowed) {
      problems.tooManyLogins(response, Duration.between(now, seen.last().plus(window)));
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      if (failures.size() >= MAX_TRACKED) {
        failures.clear(); // a flood of invented names must not exhaust memory
      }
      failures.merge(key, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    } else {
      failures.remove(key);
    }
  }

  /** The user name of a Basic header, or null. */
  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
