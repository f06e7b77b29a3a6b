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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing against HTTP Basic: after {@code allowed} failed logins of one user
 * name from one client address within {@code window}, further attempts with that name from that
 * address get 429 until {@code window} has passed since the last failure. In memory, per instance:
 * a restart or a second instance resets it (docs/SECURITY.md). Production logins go to the
 * identity provider, which throttles itself; JWT requests are not counted here.
 *
 * <p>Atomic: an attempt takes its place in the count before its credentials are checked, so
 * concurrent guesses cannot all pass a count read before any of them failed. The place is given
 * back (the count reset) the moment the credentials are accepted ({@link #releaseOnSignIn()}, a
 * filter right after the authentication), not when the request ends: a signed-in user's requests
 * in flight (a page's parallel reads, or commands waiting for a store that is down) are no
 * guesses, and a request that fails after signing in (a 5xx, an exception) is no failed login.
 * Only a 401 is; any other end of a request that never signed in gives its place back. Bounded
 * without forgetting: expired entries are dropped when the table is
 * full, live ones never; while it is still full, an attempt of a name and address that is not yet
 * tracked is refused (429) rather than let through uncounted, so a flood of invented names can
 * neither reset a locked name nor open a way around the count.
 */
public final class LoginThrottle extends OncePerRequestFilter {
  static final int MAX_TRACKED = 100_000;
  /** The request attribute holding the key of the place a request took, until it is given back. */
  private static final String PLACE = LoginThrottle.class.getName() + ".place";

  private final int allowed;
  private final Duration window;
  private final Clock clock;
  private final ProblemWriter problems;
  private final int maxTracked;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  // A full table is swept at most once a second: a flood must not buy a scan of it per request.
  private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

  /** Attempts counted (failed or under way) and the time of the last one. */
  private record Failures(int count, Instant last) {}

  public LoginThrottle(int allowed, Duration window, Clock clock, ProblemWriter problems) {
    this(allowed, window, clock, problems, MAX_TRACKED);
  }

  LoginThrottle(int allowed, Duration window, Clock clock, ProblemWriter problems, int maxTracked) {
    this.allowed = allowed;
    this.window = window;
    this.clock = clock;
    this.problems = problems;
    this.maxTracked = maxTracked;
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
    if (!failures.containsKey(key) && failures.size() >= maxTracked) {
      dropExpired(now);
    }
    boolean full = failures.size() >= maxTracked;
    // One atomic step per key: read the count, refuse or take a place.
    Failures[] refusedBy = new Failures[1];
    failures.compute(
        key,
        (k, seen) -> {
          boolean tracked = seen != null;
          if (tracked && expired(seen, now)) {
            seen = null;
          }
          if (!tracked && full) {
            refusedBy[0] = new Failures(allowed, now);
            return null;
          }
          if (seen != null && seen.count() >= allowed) {
            refusedBy[0] = seen;
            return seen;
          }
          return new Failures(seen == null ? 1 : seen.count() + 1, now);
        });
    if (refusedBy[0] != null) {
      problems.tooManyLogins(response, Duration.between(now, refusedBy[0].last().plus(window)));
      return;
    }
    request.setAttribute(PLACE, key);
    try {
      chain.doFilter(request, response);
    } finally {
      if (request.getAttribute(PLACE) != null) {
        request.removeAttribute(PLACE);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
          // The place taken stays: a failure. Its time is the failure's.
          failures.computeIfPresent(key, (k, seen) -> new Failures(seen.count(), clock.instant()));
        } else {
          failures.computeIfPresent(key, (k, seen) -> seen.count() <= 1 ? null : new Failures(seen.count() - 1, seen.last()));
        }
      }
    }
  }

  /**
   * Gives the place of this request back once its credentials were accepted: called by the filter of
   * {@link #releaseOnSignIn()} when the request is authenticated.
   */
  void signedIn(HttpServletRequest request) {
    Object key = request.getAttribute(PLACE);
    if (key != null) {
      request.removeAttribute(PLACE);
      failures.remove((String) key);
    }
  }

  /** The filter to put right after the Basic authentication filter: it releases a signed-in request's place. */
  public OncePerRequestFilter releaseOnSignIn() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
          signedIn(request);
        }
        chain.doFilter(request, response);
      }
    };
  }

  private boolean expired(Failures seen, Instant now) {
    return seen.last().plus(window).isBefore(now);
  }

  private void dropExpired(Instant now) {
    Instant last = lastSweep.get();
    if (last.plusSeconds(1).isAfter(now) || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    failures.entrySet().removeIf(entry -> expired(entry.getValue(), now));
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
