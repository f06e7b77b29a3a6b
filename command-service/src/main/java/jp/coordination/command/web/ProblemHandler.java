package jp.coordination.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.security.ProblemWriter;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the command API as RFC 9457 problem+json with {@code errors[{field, message}]}.
 * Details are written for the client: they name fields and rules, never exception classes, Java
 * types or stack traces.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  static final URI INVALID_REQUEST = URI.create("urn:coordination:problem:invalid-request");
  static final URI NOT_FOUND = URI.create("urn:coordination:problem:not-found");
  static final URI RULE_BROKEN = URI.create("urn:coordination:problem:rule-broken");
  static final URI CONFLICT = URI.create("urn:coordination:problem:conflict");
  static final URI NOT_IMPLEMENTED = URI.create("urn:coordination:problem:not-implemented");
  static final URI INTERNAL = URI.create("urn:coordination:problem:internal-error");

  private static final String ERRORS = "errors";

  /** One invalid field of a request. */
  public record FieldProblem(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getCause();
    ProblemDetail problem;
    if (cause instanceof JsonParseException parse) {
      problem =
          invalid(
              "The request body is not well-formed JSON (line %d, column %d)."
                  .formatted(parse.getLocation().getLineNr(), parse.getLocation().getColumnNr()),
              List.of());
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = fieldOf(mapping.getPath());
      problem = invalid("Field " + field + " has an invalid value.", List.of(new FieldProblem(field, messageFor(mapping))));
    } else if (cause instanceof MismatchedInputException) {
      problem = invalid("The request body must be a JSON object.", List.of());
    } else {
      problem = invalid("The request body is missing or unreadable.", List.of());
    }
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldProblem(e.getField(), messageOf(e)))
            .distinct()
            .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
            .toList();
    String detail =
        errors.isEmpty()
            ? "The request is invalid."
            : "Invalid fields: " + String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList()) + ".";
    return ResponseEntity.badRequest().headers(headers).body(invalid(detail, errors));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    String message = UUID.class.equals(ex.getRequiredType()) ? "must be a UUID" : "has an invalid value";
    return ResponseEntity.badRequest()
        .headers(headers)
        .body(invalid("Field " + field + " " + message + ".", List.of(new FieldProblem(field, message))));
  }

  /** Gives the problems Spring produces itself (405, 415, ...) the same shape as ours. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey(ERRORS))) {
      problem.setProperty(ERRORS, List.of());
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
    return fieldProblem(e.field(), e.getMessage());
  }

  @ExceptionHandler(FieldRejectedException.class)
  ResponseEntity<ProblemDetail> fieldRejected(FieldRejectedException e) {
    return fieldProblem(e.field(), e.getMessage());
  }

  @ExceptionHandler(RuleBrokenException.class)
  ResponseEntity<ProblemDetail> ruleBroken(RuleBrokenException e) {
    return problem(HttpStatus.CONFLICT, RULE_BROKEN, "Rule broken", e.getMessage(), List.of());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    List<FieldProblem> errors = e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage()));
    return problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", e.getMessage(), errors);
  }

  @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
  ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", "No such record.", List.of());
  }

  @ExceptionHandler(NotImplementedException.class)
  ResponseEntity<ProblemDetail> notImplemented(NotImplementedException e) {
    return problem(HttpStatus.NOT_IMPLEMENTED, NOT_IMPLEMENTED, "Not implemented", e.getMessage(), List.of());
  }

  /** Ward scope is checked in the dispatch, after the security filters; same answer as theirs. */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemWriter.forbidden());
  }

  /** Spring Security's firewall checks headers lazily; a forbidden header value is the client's error. */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
    return ResponseEntity.badRequest().body(invalid("The request has a header or path that is not allowed.", List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    // Logged with its stack trace here, under the request's correlation id; never sent to the client.
    log.error("Unexpected failure while handling a command request", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        INTERNAL,
        "Internal error",
        "The request could not be handled; quote the X-Correlation-Id header when reporting it.",
        List.of());
  }

  private static ResponseEntity<ProblemDetail> fieldProblem(String field, String message) {
    return ResponseEntity.badRequest()
        .body(invalid("Field " + field + " " + message + ".", List.of(new FieldProblem(field, message))));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail, List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    problem.setProperty(ERRORS, errors);
    return ResponseEntity.status(status).body(problem);
  }

  private static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty(ERRORS, errors);
    return problem;
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

  private static String messageFor(JsonMappingException e) {
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (target != null && target.isEnum()) {
      String codes = String.join(", ", Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
      String given = e instanceof InvalidFormatException f && f.getValue() != null ? " '" + f.getValue() + "'" : "";
      return "unknown code" + given + "; expected one of " + codes;
    }
    return "must be " + describe(target);
  }

  /** The expected JSON shape in the client's terms rather than a Java type. */
  private static String describe(Class<?> target) {
    if (target == null) {
      return "a value of another type";
    }
    if (UUID.class.equals(target)) {
      return "a UUID";
    }
    if (Temporal.class.isAssignableFrom(target)) {
      return "an ISO-8601 time with offset";
    }
    if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
      return "a number";
    }
    if (Boolean.class.equals(target) || boolean.class.equals(target)) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(target)) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "an object";
    }
    return "a value of another type";
  }

  private static String messageOf(FieldError error) {
    return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
  }
}
