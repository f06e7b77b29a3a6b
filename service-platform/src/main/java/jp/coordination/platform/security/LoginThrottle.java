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
 * a restart or a second instance resets it (docs/SECURITY.md). Production logins go to the identity
 * provider, which throttles itself; JWT requests are not counted here.
 *
 * <p>Atomic: an attempt takes a place before its credentials are checked, and failed attempts plus
 * attempts being checked never exceed {@code allowed}, so concurrent guesses cannot all pass a
 * count read before any of them failed. An attempt that finds every place held by attempts still
 * being checked waits for one (up to {@link #MAX_WAIT_FOR_A_PLACE}) instead of being refused: a
 * burst of the user's own requests frees them within milliseconds. The place is given back, and the
 * failures forgotten, the moment the credentials are accepted ({@link #releaseOnSignIn()}, a filter
 * right after the authentication), not when the request ends: a signed-in user's requests in flight
 * (commands waiting for a store that is down) are no guesses, and a request that fails after
 * signing in (a 5xx, an exception) is no failed login. Only a 401 is. Bounded without forgetting:
 * expired entries are dropped when the table is full, live ones never; while it is still full, an
 * attempt of a name and address that is not yet tracked is refused (429) rather than let through
 * uncounted, so a flood of invented names can neither reset a locked name nor open a way around the
 * count.
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

  /**
   * Failed attempts and the time of the last one, and the attempts whose credentials are being
   * checked.
   */
  private record Failures(int failed, int inFlight, Instant last) {
    /** One attempt under way less; nothing left to remember is removed. */
    Failures leaving() {
      int stillInFlight = Math.max(0, inFlight - 1);
      return failed == 0 && stillInFlight == 0 ? null : new Failures(failed, stillInFlight, last);
    }
  }

  /**
   * How long an attempt waits for a place held by attempts still being checked, before it is
   * refused.
   */
  static final Duration MAX_WAIT_FOR_A_PLACE = Duration.ofSeconds(2);

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
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = basicUser(request.getHeader("Authorization"));
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String key = user + "|" + request.getRemoteAddr();
    long waitUntil = System.nanoTime() + MAX_WAIT_FOR_A_PLACE.toNanos();
    Outcome outcome;
    while (true) {
      outcome = takePlace(key, clock.instant());
      if (outcome != Outcome.WAIT || System.nanoTime() >= waitUntil) {
        break;
      }
      // Every place is held by an attempt whose credentials are being checked: a burst of the
      // user's own requests
      // (a page's parallel reads, requests queued while the service was paused) frees them within
      // milliseconds.
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (outcome != Outcome.ADMITTED) {
      Failures seen = failures.get(key);
      Instant now = clock.instant();
      Duration retryAfter =
          outcome == Outcome.LOCKED && seen != null
              ? Duration.between(now, seen.last().plus(window))
              : Duration.ofSeconds(1);
      problems.tooManyLogins(response, retryAfter);
      return;
    }
    request.setAttribute(PLACE, key);
    try {
      chain.doFilter(request, response);
    } finally {
      if (request.getAttribute(PLACE) != null) {
        request.removeAttribute(PLACE);
        boolean failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
        // A 401 is a failed login, its time the failure's; any other end without a sign-in just
        // leaves.
        failures.computeIfPresent(
            key,
            (k, seen) ->
                failed
                    ? new Failures(
                        (expired(seen, clock.instant()) ? 0 : seen.failed()) + 1,
                        seen.inFlight() - 1,
                        clock.instant())
                    : seen.leaving());
      }
    }
  }

  private enum Outcome {
    ADMITTED,
    /** Failed and checking attempts fill the allowance: wait for an attempt to end. */
    WAIT,
    /** Failed attempts alone fill it: refused until the window has passed. */
    LOCKED
  }

  /** One atomic step per key: read the counts, then refuse, wait or take a place. */
  private Outcome takePlace(String key, Instant now) {
    if (!failures.containsKey(key) && failures.size() >= maxTracked) {
      dropExpired(now);
    }
    boolean full = failures.size() >= maxTracked;
    Outcome[] outcome = {Outcome.ADMITTED};
    failures.compute(
        key,
        (k, seen) -> {
          if (seen == null && full) {
            outcome[0] = Outcome.LOCKED;
            return null;
          }
          int failed = seen == null || expired(seen, now) ? 0 : seen.failed();
          int inFlight = seen == null ? 0 : seen.inFlight();
          Instant last = seen == null ? now : seen.last();
          if (failed >= allowed) {
            outcome[0] = Outcome.LOCKED;
            return seen;
          }
          if (failed + inFlight >= allowed) {
            outcome[0] = Outcome.WAIT;
            return seen;
          }
          return new Failures(failed, inFlight + 1, last);
        });
    return outcome[0];
  }

  private boolean expired(Failures seen, Instant now) {
    return seen.last().plus(window).isBefore(now);
  }

  private void dropExpired(Instant now) {
    Instant last = lastSweep.get();
    if (last.plusSeconds(1).isAfter(now) || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    failures
        .entrySet()
        .removeIf(entry -> entry.getValue().inFlight() == 0 && expired(entry.getValue(), now));
  }

  /**
   * Gives the place of this request back once its credentials were accepted, and forgets the
   * failures before it (a success resets): called by the filter of {@link #releaseOnSignIn()} when
   * the request is authenticated.
   */
  void signedIn(HttpServletRequest request) {
    Object key = request.getAttribute(PLACE);
    if (key != null) {
      request.removeAttribute(PLACE);
      failures.computeIfPresent(
          (String) key, (k, seen) -> new Failures(0, seen.inFlight(), seen.last()).leaving());
    }
  }

  /**
   * The filter to put right after the Basic authentication filter: it releases a signed-in
   * request's place.
   */
  public OncePerRequestFilter releaseOnSignIn() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null
            && signedIn.isAuthenticated()
            && !(signedIn instanceof AnonymousAuthenticationToken)) {
          signedIn(request);
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** The user name of a Basic header, or null. */
  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
