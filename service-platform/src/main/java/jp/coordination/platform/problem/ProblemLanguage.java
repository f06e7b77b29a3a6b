package jp.coordination.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of problem answers: Japanese when {@code Accept-Language} prefers it ({@code ja},
 * {@code ja-JP}), otherwise English, also when the header is absent. English is the default because
 * API clients and scripts were written against the English texts; the page asks for its UI language
 * explicitly. Only {@code title}, {@code detail} and {@code errors[].message} change with the
 * language: type, status, field names and codes never do.
 */
public final class ProblemLanguage {
  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale JAPANESE = Locale.JAPANESE;

  /** A service's own texts (its titles, its domain refusals), next to the platform's. */
  static final String SERVICE_BUNDLE = "problem-messages";

  private static final String PLATFORM_BUNDLE = "jp/coordination/platform/problem/messages";

  private static final AcceptHeaderLocaleResolver RESOLVER = localeResolver();
  private static final ResourceBundleMessageSource MESSAGES = messageSource(true);
  private static final ResourceBundleMessageSource SPRING_TEXTS = messageSource(false);

  private ProblemLanguage() {}

  /**
   * Accept-Language resolved to English or Japanese, English when absent or unsupported; also the
   * services' {@code localeResolver}, so that Spring's own texts follow the same choice.
   */
  public static AcceptHeaderLocaleResolver localeResolver() {
    AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
    resolver.setSupportedLocales(List.of(ENGLISH, JAPANESE));
    resolver.setDefaultLocale(ENGLISH);
    return resolver;
  }

  private static ResourceBundleMessageSource messageSource(boolean codeAsDefault) {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setDefaultEncoding("UTF-8");
    // Never the JVM's locale: a server set up in Japanese must still answer English by default.
    source.setFallbackToSystemLocale(false);
    // Every text goes through MessageFormat, so apostrophes are written '' in all of them alike.
    source.setAlwaysUseMessageFormat(true);
    // A key without a text shows as the key rather than turning a 4xx answer into a 500.
    source.setUseCodeAsDefaultMessage(codeAsDefault);
    if (ProblemLanguage.class.getClassLoader().getResource(SERVICE_BUNDLE + ".properties")
        != null) {
      source.setBasenames(PLATFORM_BUNDLE, SERVICE_BUNDLE);
    } else {
      source.setBasenames(PLATFORM_BUNDLE);
    }
    return source;
  }

  /**
   * The same texts for Spring's own problems (405, 415, 404 of an unknown path), which look up a
   * type, a title and a detail per exception class: a key we have no text for must leave Spring's
   * own value in place, not put the key itself into the answer.
   */
  static MessageSource springTexts() {
    return SPRING_TEXTS;
  }

  /** The texts of problems (static: problems are built in filters and handlers alike). */
  public static MessageSource messages() {
    return MESSAGES;
  }

  /**
   * The language of the request being answered. Read from the request itself rather than from
   * LocaleContextHolder: in the servlet filters (401, 413, 429, 503) that holder has the
   * container's locale, which falls back to the JVM's when the header is absent. Outside a request:
   * English.
   */
  public static Locale current() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      return of(attributes.getRequest());
    }
    return ENGLISH;
  }

  public static Locale of(HttpServletRequest request) {
    return RESOLVER.resolveLocale(request);
  }

  /** Content-Language of the answer, and Vary so that a cache keeps one answer per language. */
  public static void describe(HttpHeaders headers, Locale language) {
    headers.set(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag());
    List<String> vary = headers.getVary();
    if (vary.stream()
        .noneMatch(v -> v.equalsIgnoreCase(HttpHeaders.ACCEPT_LANGUAGE) || v.equals("*"))) {
      headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
  }
}
