package jp.coordination.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One INFO line per command answered, for operations: which command, on which aggregate, how it
 * ended and how long it took, as fields of the line ({@code command}, {@code aggregateId}, {@code
 * outcome}, {@code status}, {@code durationMs}, {@code endpoint}) besides the request's context
 * (correlation id, user, {@link #MDC_KEY command id}).
 *
 * <p>Written when the request is answered rather than by the dispatcher, so that the status is the
 * one the client got and commands a controller refuses before dispatching (an invalid body) have
 * their line too; what only the dispatcher knows it notes here ({@link #dispatching}). The line
 * never holds a request's body or anything derived from it but its ids: bodies carry personal data.
 * Requests the security chain refuses never become commands and have no line.
 */
@Component
public class CommandLog implements HandlerInterceptor, WebMvcConfigurer {
  /**
   * Key of the command's id (the body's {@code id}, or the one the dispatcher made) in the logging
   * context.
   */
  public static final String MDC_KEY = "commandId";

  private static final Logger log = LoggerFactory.getLogger(CommandLog.class);
  private static final String ENTRY = CommandLog.class.getName() + ".entry";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  /** What the line will say; filled in while the request runs. */
  private static final class Entry {
    final long startedAt = System.nanoTime();
    String command;
    String aggregateId;
    boolean replayed;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod && !READS.contains(request.getMethod())) {
      request.setAttribute(ENTRY, new Entry());
    }
    return true;
  }

  /**
   * Notes what the dispatcher knows of the command being answered and puts its id into the logging
   * context, where it stays until the request is answered. Called again as more becomes known.
   *
   * @param command the command's type, or {@code null} while it is not built yet
   */
  void dispatching(String command, String aggregateId, String commandId) {
    Entry entry = entry();
    if (entry != null) {
      // Only within a request: the correlation filter clears the context once it is answered.
      MDC.put(MDC_KEY, commandId);
      if (command != null) {
        entry.command = command;
      }
      entry.aggregateId = aggregateId;
    }
  }

  /** The command was a retry, answered as its first time was. */
  void replayed() {
    Entry entry = entry();
    if (entry != null) {
      entry.replayed = true;
    }
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!(request.getAttribute(ENTRY) instanceof Entry entry)) {
      return;
    }
    // An exception still thrown here was not answered by the problem handler: the container answers
    // 500.
    int status = ex != null && response.getStatus() < 500 ? 500 : response.getStatus();
    String outcome = status >= 500 ? "failed" : status >= 400 ? "refused" : "accepted";
    long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - entry.startedAt);
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String endpoint =
        request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI());
    LoggingEventBuilder line =
        log.atInfo()
            .setMessage("Command {} {} ({}) in {} ms")
            .addArgument(entry.command != null ? entry.command : endpoint)
            .addArgument(outcome)
            .addArgument(status)
            .addArgument(durationMs);
    if (entry.command != null) {
      line = line.addKeyValue("command", entry.command);
    }
    if (entry.aggregateId != null) {
      line = line.addKeyValue("aggregateId", entry.aggregateId);
    }
    if (entry.replayed) {
      line = line.addKeyValue("replayed", true);
    }
    line.addKeyValue("outcome", outcome)
        .addKeyValue("status", status)
        .addKeyValue("durationMs", durationMs)
        .addKeyValue("endpoint", endpoint)
        .log();
  }

  private static Entry entry() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes != null
            && attributes.getAttribute(ENTRY, RequestAttributes.SCOPE_REQUEST)
                instanceof Entry entry
        ? entry
        : null;
  }
}
