package jp.coordination.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import jp.coordination.platform.problem.ProblemWriter;
import jp.coordination.platform.problem.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection without sessions or tokens. A browser that has signed in
 * with HTTP Basic (the local run's dashboard page) sends the credentials again on its own, also
 * when a page of another site submits a form to a service; a form needs no preflight, and a few
 * commands take no body at all (erasure, retrying a parked event). So a state-changing request
 * (anything but GET, HEAD, OPTIONS, TRACE) that a browser marks as coming from another site is
 * refused with 403 before authentication: {@code Sec-Fetch-Site} other than {@code same-origin} or
 * {@code none}, or an {@code Origin} other than the service's own. Clients that are not browsers
 * (curl, the services' callers) send neither header and are not affected.
 */
public final class CrossSiteRequestGuard extends OncePerRequestFilter {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

  private final ProblemWriter problems;

  public CrossSiteRequestGuard(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE_METHODS.contains(request.getMethod()) && fromAnotherSite(request)) {
      problems.write(response, Problems.crossSiteRequest());
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean fromAnotherSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !OWN_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
      return true;
    }
    String origin = request.getHeader("Origin");
    return origin != null && !sameOrigin(origin.trim(), request);
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI uri = URI.create(origin);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return false; // "null" (sandboxed frames, files) and anything unreadable
      }
      return uri.getScheme().equalsIgnoreCase(request.getScheme())
          && uri.getHost().equalsIgnoreCase(request.getServerName())
          && port(uri.getPort(), uri.getScheme())
              == port(request.getServerPort(), request.getScheme());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int port(int port, String scheme) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
