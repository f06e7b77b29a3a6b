package jp.coordination.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of both services' APIs as RFC 9457 problem+json with {@code errors[{field,
 * message}]}. Details are written for the client: they name fields and rules, never exception
 * classes, Java types or stack traces. A service's own exception kinds reach a {@link
 * ProblemTranslator} bean.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler
    implements ResponseBodyAdvice<Object> {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final List<ProblemTranslator> translators;

  public ProblemHandler(ObjectProvider<ProblemTranslator> translators) {
    this.translators = translators.orderedStream().toList();
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = ex.getCause();
    ProblemDetail problem;
    if (cause instanceof JsonParseException parse) {
      problem =
          Problems.invalid(
              ProblemText.of(
                  "detail.json-malformed",
                  String.valueOf(parse.getLocation().getLineNr()),
                  String.valueOf(parse.getLocation().getColumnNr())),
              List.of());
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = fieldOf(mapping.getPath());
      problem =
          Problems.invalid(
              ProblemText.of("detail.field-invalid-value", field),
              List.of(new FieldProblem(field, messageFor(mapping).localized())));
    } else if (cause instanceof MismatchedInputException) {
      problem = Problems.invalid(ProblemText.of("detail.body-not-object"), List.of());
    } else {
      problem = Problems.invalid(ProblemText.of("detail.body-unreadable"), List.of());
    }
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldProblem(e.getField(), messageOf(e)))
            .distinct()
            .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
            .toList();
    ProblemText detail =
        errors.isEmpty()
            ? ProblemText.of("detail.invalid")
            : ProblemText.of(
                "detail.invalid-fields",
                String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList()));
    return ResponseEntity.badRequest().headers(headers).body(Problems.invalid(detail, errors));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field =
        ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    ProblemText message =
        UUID.class.equals(ex.getRequiredType())
            ? ProblemText.of("field.must-be", ProblemText.of("shape.uuid"))
            : ProblemText.of("field.invalid-value");
    return ResponseEntity.badRequest().headers(headers).body(Problems.invalidField(field, message));
  }

  /** Gives the problems Spring produces itself (405, 415, ...) the same shape as ours. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    Locale language = ProblemLanguage.current();
    if (body == null && ex instanceof ErrorResponse response) {
      // Spring's own problems (405, 415, ...): their detail from problemDetail.<exception class> in
      // our texts, as Spring looks it up, and a title by status.
      body = response.updateAndGetBody(ProblemLanguage.springTexts(), language);
    }
    if (body instanceof ProblemDetail problem) {
      if (problem.getTitle() != null) {
        problem.setTitle(
            ProblemText.orElse("title.status." + problem.getStatus(), problem.getTitle())
                .in(language));
      }
      if (problem.getProperties() == null
          || !problem.getProperties().containsKey(Problems.ERRORS)) {
        problem.setProperty(Problems.ERRORS, List.of());
      }
      // Spring's own details may quote a header ("Content-Type '...' is not supported").
      Problems.bound(problem);
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
    return answer(Problems.invalidField(e.field(), e.localizedMessage()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    return answer(Problems.conflict(e.localizedMessage(), e.field()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return answer(Problems.notFound(e.localizedMessage()));
  }

  @ExceptionHandler(NotImplementedException.class)
  ResponseEntity<ProblemDetail> notImplemented(NotImplementedException e) {
    return answer(Problems.notImplemented(e.getMessage()));
  }

  /**
   * Ward scope is checked after the security filters (dispatch, controllers); same answer as
   * theirs.
   */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
    return answer(Problems.forbidden());
  }

  /**
   * Spring Security's firewall checks headers lazily; a forbidden header value is the client's
   * error.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
    return answer(Problems.invalid(ProblemText.of("detail.request-rejected"), List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    for (ProblemTranslator translator : translators) {
      Optional<ProblemDetail> problem = translator.translate(e);
      if (problem.isPresent()) {
        return answer(problem.get());
      }
    }
    // Logged with its stack trace here, under the request's correlation id; never sent to the
    // client.
    log.error("Unexpected failure while handling a request", e);
    return answer(Problems.internal());
  }

  /**
   * Every problem written by Spring MVC, whoever built it: detail and instance bounded
   * (Problems.bound).
   */
  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(
      @Nullable Object body,
      MethodParameter returnType,
      MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      Problems.bound(problem);
      ProblemLanguage.describe(response.getHeaders(), ProblemLanguage.current());
    }
    return body;
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  /** Jackson's path as the client wrote it: {@code person.name}, {@code riskFactors[0]}. */
  static String fieldOf(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(reference.getFieldName());
      }
    }
    return field.toString();
  }

  private static ProblemText messageFor(JsonMappingException e) {
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (target != null && target.isEnum()) {
      String codes =
          String.join(
              ", ",
              Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
      return e instanceof InvalidFormatException f && f.getValue() != null
          ? ProblemText.of("field.unknown-code-given", Problems.quote(f.getValue()), codes)
          : ProblemText.of("field.unknown-code", codes);
    }
    return ProblemText.of("field.must-be", ProblemText.of("shape." + describe(target)));
  }

  /** The expected JSON shape in the client's terms rather than a Java type: the key of its text. */
  private static String describe(Class<?> target) {
    if (target == null) {
      return "other";
    }
    if (UUID.class.equals(target)) {
      return "uuid";
    }
    if (Temporal.class.isAssignableFrom(target)) {
      return "time";
    }
    if (Number.class.isAssignableFrom(target)
        || (target.isPrimitive() && target != boolean.class)) {
      return "number";
    }
    if (Boolean.class.equals(target) || boolean.class.equals(target)) {
      return "boolean";
    }
    if (CharSequence.class.isAssignableFrom(target)) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "list";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "object";
    }
    return "other";
  }

  /**
   * The constraint's text in the request's language, looked up by Spring's codes for the error
   * ({@code NotNull}, {@code Size}, ... with the constraint's attributes as arguments); a
   * constraint without a text of ours keeps the validator's message.
   */
  private static String messageOf(FieldError error) {
    DefaultMessageSourceResolvable resolvable =
        new DefaultMessageSourceResolvable(
            error.getCodes(),
            error.getArguments(),
            error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid");
    return ProblemLanguage.messages().getMessage(resolvable, ProblemLanguage.current());
  }
}
