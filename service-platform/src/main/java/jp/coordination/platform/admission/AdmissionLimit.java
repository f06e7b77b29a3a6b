package jp.coordination.platform.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets at most {@code maxInProgress} of a service's limited requests run at once. A request that
 * finds no free slot within {@code maxWait} is answered at once with 503 problem+json ({@code
 * urn:coordination:problem:overloaded}) and {@code Retry-After}, and counted in {@value
 * #SHED_METRIC} under its group.
 *
 * <p>A saturated service that queues every request answers all of them late, past the clients'
 * timeouts, and spends its cores on answers nobody waits for any more. Refusing the excess keeps
 * the admitted requests fast and tells the others when to come back. The excess does not only
 * arrive here: with every thread busy, requests wait for a thread before any filter runs. A request
 * that waited there longer than {@code maxQueueWait} ({@link TimedRequestExecutor#waited()}) is
 * refused the same way without taking a slot, so that such a queue drains at the speed of refusals.
 *
 * <p>Which requests count is the service's to say ({@link Paths}). A slot is held for the request's
 * first dispatch only: a request that goes asynchronous (a server-sent-event stream) would give it
 * back while still open, so such paths are left out rather than counted wrongly.
 */
public final class AdmissionLimit extends OncePerRequestFilter {
  /** Counter of refused requests, tagged {@code group}. */
  public static final String SHED_METRIC = "coordination.http.shed";

  private final Semaphore slots;
  private final long maxWaitNanos;
  private final Duration maxQueueWait;
  private final Duration retryAfter;
  private final Paths paths;
  private final ProblemWriter problems;
  private final Map<String, Counter> shed = new LinkedHashMap<>();

  /**
   * @param maxInProgress limited requests that may run at once, at least 1
   * @param maxWait how long a request may wait for a slot before it is refused; zero: not at all
   * @param maxQueueWait how long a request may have waited for a thread (only known on the threads
   *     of a {@link TimedRequestExecutor}) and still be served
   * @param retryAfter what the refusal's {@code Retry-After} says, in whole seconds rounded up
   */
  public AdmissionLimit(
      int maxInProgress,
      Duration maxWait,
      Duration maxQueueWait,
      Duration retryAfter,
      Paths paths,
      ProblemWriter problems,
      MeterRegistry meters) {
    if (maxInProgress < 1 || maxWait.isNegative() || maxQueueWait.isNegative()) {
      throw new IllegalArgumentException(
          "An admission limit needs at least one slot and waits of zero or more.");
    }
    // Fair: a request that has been waiting gets the next free slot, not one that just arrived.
    this.slots = new Semaphore(maxInProgress, true);
    this.maxWaitNanos = maxWait.toNanos();
    this.maxQueueWait = maxQueueWait;
    this.retryAfter = retryAfter;
    this.paths = paths;
    this.problems = problems;
    // Every group's counter exists from the start, so a rate over it reads 0 rather than nothing.
    for (String group : paths.groups()) {
      shed.put(group, Counter.builder(SHED_METRIC).tag("group", group).register(meters));
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String group = paths.groupOf(request);
    if (group == null) {
      chain.doFilter(request, response);
      return;
    }
    if (TimedRequestExecutor.waited().compareTo(maxQueueWait) > 0 || !admitted()) {
      shed.get(group).increment();
      problems.overloaded(response, retryAfter);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }

  private boolean admitted() {
    try {
      return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // The container is stopping this thread: no slot, and the interrupt stays visible.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether this limit may refuse requests of this method on this path template ({@link
   * Paths#limits}).
   */
  public boolean limits(String method, String pathTemplate) {
    return paths.limits(method, pathTemplate);
  }

  /**
   * The limited requests and the groups they are counted under: GET and HEAD requests on the {@link
   * #reads} patterns, unless {@link #except excepted}; each in the first {@link #group} that
   * matches, else in {@value #OTHER}. Patterns are Spring's path patterns, as in the security
   * rules. Each method returns new paths: a limit's groups cannot change under it.
   *
   * <pre>{@code
   * Paths.reads("/api/**")
   *     .except("/api/wards/{ward}/dashboard/stream")
   *     .group("dashboard", "/api/wards/{ward}/dashboard")
   *     .group("statistics", "/api/statistics/**");
   * }</pre>
   */
  public static final class Paths {
    /** The group of a limited request that no named group matches. */
    public static final String OTHER = "other";

    private final List<String> limitedPatterns;
    private final List<String> exemptPatterns;
    private final List<RequestMatcher> limited;
    private final List<RequestMatcher> exempt;
    private final Map<String, List<RequestMatcher>> groups;

    private Paths(
        List<String> limitedPatterns,
        List<String> exemptPatterns,
        Map<String, List<RequestMatcher>> groups) {
      this.limitedPatterns = List.copyOf(limitedPatterns);
      this.exemptPatterns = List.copyOf(exemptPatterns);
      this.limited = matchers(limitedPatterns.toArray(String[]::new));
      this.exempt = matchers(exemptPatterns.toArray(String[]::new));
      this.groups = groups;
    }

    /** GET and HEAD requests on these paths are limited. */
    public static Paths reads(String... patterns) {
      return new Paths(List.of(patterns), List.of(), new LinkedHashMap<>());
    }

    /** ... except on these paths. */
    public Paths except(String... patterns) {
      List<String> more = new ArrayList<>(exemptPatterns);
      more.addAll(List.of(patterns));
      return new Paths(limitedPatterns, more, groups);
    }

    /**
     * Whether requests of this method on this path template ({@code /api/wards/{ward}/dashboard},
     * as the OpenAPI description writes it) are limited; a template variable stands for any
     * segment.
     */
    public boolean limits(String method, String pathTemplate) {
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        return false;
      }
      PathContainer path = PathContainer.parsePath(pathTemplate);
      return limitedPatterns.stream()
              .anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(path))
          && exemptPatterns.stream()
              .noneMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(path));
    }

    /** Limited requests on these paths are counted as {@code name}. */
    public Paths group(String name, String... patterns) {
      Map<String, List<RequestMatcher>> more = new LinkedHashMap<>(groups);
      List<RequestMatcher> named = new ArrayList<>(more.getOrDefault(name, List.of()));
      named.addAll(matchers(patterns));
      more.put(name, List.copyOf(named));
      return new Paths(limitedPatterns, exemptPatterns, more);
    }

    /** The names of the groups, {@value #OTHER} last. */
    List<String> groups() {
      List<String> names = new ArrayList<>(groups.keySet());
      names.remove(OTHER);
      names.add(OTHER);
      return names;
    }

    /** The group the request is counted under, or {@code null} when it is not limited. */
    String groupOf(HttpServletRequest request) {
      boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
      if (!read) {
        return null;
      }
      // Parsed once for all the patterns; each matcher would otherwise parse the path again.
      boolean parsedBefore = ServletRequestPathUtils.hasParsedRequestPath(request);
      if (!parsedBefore) {
        ServletRequestPathUtils.parseAndCache(request);
      }
      try {
        if (!matchesAny(limited, request) || matchesAny(exempt, request)) {
          return null;
        }
        for (Map.Entry<String, List<RequestMatcher>> group : groups.entrySet()) {
          if (matchesAny(group.getValue(), request)) {
            return group.getKey();
          }
        }
        return OTHER;
      } finally {
        if (!parsedBefore) {
          ServletRequestPathUtils.clearParsedRequestPath(request);
        }
      }
    }

    private static boolean matchesAny(List<RequestMatcher> matchers, HttpServletRequest request) {
      for (RequestMatcher matcher : matchers) {
        if (matcher.matches(request)) {
          return true;
        }
      }
      return false;
    }

    private static List<RequestMatcher> matchers(String... patterns) {
      List<RequestMatcher> matchers = new ArrayList<>();
      for (String pattern : patterns) {
        matchers.add(PathPatternRequestMatcher.withDefaults().matcher(pattern));
      }
      return matchers;
    }
  }
}
