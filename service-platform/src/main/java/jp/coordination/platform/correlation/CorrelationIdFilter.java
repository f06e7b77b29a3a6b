package jp.coordination.platform.correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a short
 * token, else a new UUID. It runs before security so that refusals carry it too, answers it in the
 * same header, and puts it into the logging context ({@link #MDC_KEY}), which both services write
 * on every line (a field of the JSON line, or the log pattern's {@code [id]}). Anything longer or
 * odder is replaced rather than echoed, so a header cannot inject text into logs or events.
 *
 * <p>As the outermost filter it also ends the request's logging context: whatever the request put
 * there further in (the user, a command's id) is gone once it is answered, so a pooled thread's
 * next request starts clean.
 */
public class CorrelationIdFilter extends OncePerRequestFilter implements Ordered {
  public static final String HEADER = "X-Correlation-Id";

  /** Request attribute holding the id. */
  public static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

  /** Key of the id in the logging context ({@code %X{correlationId}}). */
  public static final String MDC_KEY = "correlationId";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  /**
   * First of all filters, so that the security chain's refusals and their log lines carry the id.
   */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String id =
        given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    Map<String, String> outer = MDC.getCopyOfContextMap();
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      if (outer == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(outer);
      }
    }
  }

  /** The id of this request, when it passed the filter. */
  public static String of(ServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id != null ? id.toString() : null;
  }

  /** The id of the request the current thread serves, or {@code null} outside a request. */
  public static String current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    Object id =
        attributes == null
            ? null
            : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    return id != null ? id.toString() : null;
  }
}
