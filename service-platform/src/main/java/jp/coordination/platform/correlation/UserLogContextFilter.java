package jp.coordination.platform.correlation;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Puts who made the request into the logging context ({@link #MDC_KEY}) once the security chain has
 * authenticated it: the stable subject (a token's {@code sub}, a demo user's name), the same id
 * events carry as {@code actor}, never a display name, which is personal data and may change.
 *
 * <p>It sits in the security chain after the credentials are checked and before refusals are
 * answered, so an access-denied line names the user too; an unauthenticated request has no user.
 */
public final class UserLogContextFilter implements Filter {
  /**
   * Key of the user in the logging context. Dotted as in the Elastic Common Schema: the JSON line
   * nests it as {@code "user":{"id":...}}, where a log platform expects it.
   */
  public static final String MDC_KEY = "user.id";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      chain.doFilter(request, response);
      return;
    }
    String outer = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, authentication.getName());
    try {
      chain.doFilter(request, response);
    } finally {
      // Also on dispatches the correlation filter does not see again (async), which it cannot
      // clear.
      if (outer == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, outer);
      }
    }
  }
}
