package jp.coordination.platform.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem details of both services, with one scheme of type URIs: {@code
 * urn:coordination:problem:<slug>}. A URN names the kind of problem without promising a page to
 * fetch, and it is the same whichever service answered. Every problem carries {@code errors[]}
 * (empty unless fields are named), as API.md promises.
 */
public final class Problems {
  /** The prefix of every problem type. */
  public static final String TYPE_PREFIX = "urn:coordination:problem:";

  public static final URI INVALID_REQUEST = type("invalid-request");
  public static final URI UNAUTHENTICATED = type("unauthenticated");
  public static final URI FORBIDDEN = type("forbidden");
  public static final URI NOT_FOUND = type("not-found");
  public static final URI CONFLICT = type("conflict");
  public static final URI RULE_BROKEN = type("rule-broken");
  public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
  public static final URI TOO_MANY_LOGINS = type("too-many-failed-logins");
  public static final URI NOT_IMPLEMENTED = type("not-implemented");
  public static final URI INTERNAL = type("internal-error");
  public static final URI CROSS_SITE_REQUEST = type("cross-site-request");
  public static final URI OVERLOADED = type("overloaded");

  static final String ERRORS = "errors";

  /** The longest piece of the client's input an answer quotes; longer values are cut. */
  public static final int MAX_QUOTED = 64;

  /**
   * The longest detail or field message an answer carries. Our own texts are far shorter; this
   * bounds whatever quotes the client's input (a code, an id, a header), so that a 10 KB value is
   * never sent back.
   */
  public static final int MAX_TEXT = 1000;

  private Problems() {}

  /** The type URI of a slug, e.g. {@code urn:coordination:problem:conflict}. */
  public static URI type(String slug) {
    return URI.create(TYPE_PREFIX + slug);
  }

  /**
   * A problem of a service's own kind; the title is the status's reason phrase unless the texts
   * have {@code title.<slug>}.
   */
  public static ProblemDetail of(HttpStatus status, String slug, String detail) {
    return of(status, type(slug), status.getReasonPhrase(), detail, List.of());
  }

  public static ProblemDetail of(HttpStatus status, String slug, ProblemText detail) {
    return of(status, slug, detail.localized());
  }

  /**
   * The title is looked up as {@code title.<slug>} in the request's language ({@link
   * ProblemLanguage}), the given English title when there is none; the detail is taken as given.
   */
  public static ProblemDetail of(
      HttpStatus status, URI type, String title, String detail, List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, bounded(detail));
    problem.setType(type);
    problem.setTitle(ProblemText.orElse("title." + slugOf(type), title).localized());
    problem.setProperty(
        ERRORS,
        errors.stream()
            .map(e -> new FieldProblem(bounded(e.field()), bounded(e.message())))
            .toList());
    return problem;
  }

  public static ProblemDetail of(
      HttpStatus status, URI type, String title, ProblemText detail, List<FieldProblem> errors) {
    return of(status, type, title, detail.localized(), errors);
  }

  private static String slugOf(URI type) {
    String text = type.toString();
    return text.startsWith(TYPE_PREFIX) ? text.substring(TYPE_PREFIX.length()) : text;
  }

  /**
   * A piece of the client's input as an answer may quote it: at most {@link #MAX_QUOTED}
   * characters, cut with "…" and the full length, e.g. {@code 'AAAA…' (10240 characters)}.
   */
  public static String quote(Object value) {
    String text = String.valueOf(value);
    if (text.length() <= MAX_QUOTED) {
      return "'" + text + "'";
    }
    return "'" + cut(text, MAX_QUOTED) + "…' (" + text.length() + " characters)";
  }

  /** The longest {@code instance} (the request's path) an answer repeats. */
  public static final int MAX_INSTANCE = 256;

  /**
   * Bounds a problem however it was built: its detail to {@link #MAX_TEXT} characters, its {@code
   * instance} (the request path, which Spring fills in) to the path up to the last {@code /} within
   * {@link #MAX_INSTANCE} characters, e.g. {@code /api/cases/} for a 10 KB id.
   */
  public static void bound(ProblemDetail problem) {
    problem.setDetail(bounded(problem.getDetail()));
    URI instance = problem.getInstance();
    if (instance != null && instance.toString().length() > MAX_INSTANCE) {
      String path = instance.toString().substring(0, MAX_INSTANCE);
      problem.setInstance(URI.create(path.substring(0, path.lastIndexOf('/') + 1)));
    }
  }

  /** A text of an answer cut to {@link #MAX_TEXT} characters; {@code null} stays {@code null}. */
  public static String bounded(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return cut(text, MAX_TEXT - 1) + "…";
  }

  // Never cuts a surrogate pair in two, so the answer stays valid UTF-8.
  private static String cut(String text, int length) {
    int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
    return text.substring(0, end);
  }

  /** 400 naming the invalid fields. */
  public static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
    return of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request", detail, errors);
  }

  public static ProblemDetail invalid(ProblemText detail, List<FieldProblem> errors) {
    return invalid(detail.localized(), errors);
  }

  /** 400 for one invalid field; a message given as text stays as it is (English). */
  public static ProblemDetail invalidField(String field, String message) {
    return invalid(
        ProblemText.of("detail.field", field, message), List.of(new FieldProblem(field, message)));
  }

  public static ProblemDetail invalidField(String field, ProblemText message) {
    return invalidField(field, message.localized());
  }

  public static ProblemDetail unauthenticated() {
    return unauthenticated(ProblemText.of("detail.unauthenticated"));
  }

  /**
   * 401 saying why, for a refusal the caller can act on ({@link ExplainedAuthenticationFailure}).
   */
  public static ProblemDetail unauthenticated(ProblemText detail) {
    return of(HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Unauthorized", detail, List.of());
  }

  /**
   * The answer when the user's role or ward scope does not allow the request, whether or not the
   * record exists.
   */
  public static ProblemDetail forbidden() {
    return of(
        HttpStatus.FORBIDDEN,
        FORBIDDEN,
        "Forbidden",
        ProblemText.of("detail.forbidden"),
        List.of());
  }

  public static ProblemDetail notFound(String detail) {
    return of(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", detail, List.of());
  }

  public static ProblemDetail notFound(ProblemText detail) {
    return notFound(detail.localized());
  }

  /**
   * 409: the request conflicts with what is stored; the field is named when one field caused it.
   */
  public static ProblemDetail conflict(String detail, String field) {
    return of(
        HttpStatus.CONFLICT,
        CONFLICT,
        "Conflict",
        detail,
        field == null ? List.of() : List.of(new FieldProblem(field, detail)));
  }

  public static ProblemDetail conflict(ProblemText detail, String field) {
    return conflict(detail.localized(), field);
  }

  /** 409: a rule of DOMAIN.md refused the command. */
  public static ProblemDetail ruleBroken(String detail) {
    return of(HttpStatus.CONFLICT, RULE_BROKEN, "Rule broken", detail, List.of());
  }

  public static ProblemDetail ruleBroken(ProblemText detail) {
    return ruleBroken(detail.localized());
  }

  public static ProblemDetail notImplemented(String detail) {
    return of(HttpStatus.NOT_IMPLEMENTED, NOT_IMPLEMENTED, "Not implemented", detail, List.of());
  }

  public static ProblemDetail payloadTooLarge(long maxBytes) {
    return of(
        HttpStatus.PAYLOAD_TOO_LARGE,
        PAYLOAD_TOO_LARGE,
        "Payload too large",
        ProblemText.of("detail.payload-too-large", String.valueOf(maxBytes)),
        List.of());
  }

  public static ProblemDetail tooManyLogins() {
    return of(
        HttpStatus.TOO_MANY_REQUESTS,
        TOO_MANY_LOGINS,
        "Too many requests",
        ProblemText.of("detail.too-many-failed-logins"),
        List.of());
  }

  /** 403: a browser sent a state-changing request from another site's page. */
  public static ProblemDetail crossSiteRequest() {
    return of(
        HttpStatus.FORBIDDEN,
        CROSS_SITE_REQUEST,
        "Forbidden",
        ProblemText.of("detail.cross-site-request"),
        List.of());
  }

  /**
   * 503: the service has as many requests in progress as it takes; the answer says when to come
   * back.
   */
  public static ProblemDetail overloaded() {
    return of(
        HttpStatus.SERVICE_UNAVAILABLE,
        OVERLOADED,
        "Service unavailable",
        ProblemText.of("detail.overloaded"),
        List.of());
  }

  public static ProblemDetail internal() {
    return of(
        HttpStatus.INTERNAL_SERVER_ERROR,
        INTERNAL,
        "Internal error",
        ProblemText.of("detail.internal-error"),
        List.of());
  }
}
