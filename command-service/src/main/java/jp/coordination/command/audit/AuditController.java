package jp.coordination.command.audit;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API of API.md ("Audit"), for city auditors only (the security rules say so before any
 * of this runs). Query parameters are read as text and checked here, so that every refusal is a 400
 * naming the parameter.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

  private static final int MAX_FILTER_LENGTH = 200;
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private final AuditEvents auditEvents;
  private final IntegrityVerifier verifier;
  private final Checkpoints checkpoints;
  private final AccessRecords accessRecords;
  private final AuditProperties properties;

  public AuditController(
      AuditEvents auditEvents,
      IntegrityVerifier verifier,
      Checkpoints checkpoints,
      AccessRecords accessRecords,
      AuditProperties properties) {
    this.auditEvents = auditEvents;
    this.verifier = verifier;
    this.checkpoints = checkpoints;
    this.accessRecords = accessRecords;
    this.properties = properties;
  }

  /** Events in store order with all metadata; personal data masked unless a purpose is stated. */
  @GetMapping("/events")
  public AuditEvents.Page events(
      @RequestParam(required = false) String aggregateId,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      @RequestParam(required = false) String purpose,
      Authentication authentication,
      HttpServletRequest request) {
    Instant fromTime = instant("from", from);
    Instant toTime = instant("to", to);
    checkRange(fromTime, toTime);
    int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE);
    int pageSize = number("size", size, 50, 1, properties.maxPageSize());
    if ((long) (pageNumber + 1) * pageSize > AuditEvents.MAX_WINDOW) {
      throw new InvalidFieldException(
          "page", ProblemText.of("field.page-window", String.valueOf(AuditEvents.MAX_WINDOW)));
    }
    AuditEvents.Reader reader = null;
    if (purpose != null) {
      String stated = purpose.strip();
      if (stated.isEmpty()
          || stated.length() > properties.maxPurposeLength()
          || CONTROL.matcher(stated).find()) {
        throw new InvalidFieldException(
            "purpose",
            ProblemText.of("field.purpose-length", String.valueOf(properties.maxPurposeLength())));
      }
      Actor user = Actor.of(authentication);
      reader =
          new AuditEvents.Reader(
              user.name(),
              user.displayName(),
              user.role(),
              stated,
              CorrelationIdFilter.of(request));
    }
    return auditEvents.list(
        new AuditEvents.Query(
            filter("aggregateId", aggregateId),
            filter("type", type),
            filter("actor", actor),
            fromTime,
            toTime,
            pageNumber,
            pageSize),
        reader);
  }

  /**
   * Verifies every stream's hash chain and the store against the newest checkpoint; with {@code
   * checkpoint} and {@code checkpointHash} (the last checkpoint the caller knows of from outside
   * the database), also that the store still holds that checkpoint with that hash.
   */
  @GetMapping("/integrity")
  public IntegrityReport integrity(
      @RequestParam(required = false) String checkpoint,
      @RequestParam(required = false) String checkpointHash) {
    if (checkpoint == null && checkpointHash == null) {
      return verifier.verify();
    }
    if (checkpoint == null) {
      throw new InvalidFieldException(
          "checkpoint", ProblemText.of("field.required-with", "checkpointHash"));
    }
    if (checkpointHash == null) {
      throw new InvalidFieldException(
          "checkpointHash", ProblemText.of("field.required-with", "checkpoint"));
    }
    long number = number("checkpoint", checkpoint, 0, 1, Integer.MAX_VALUE);
    KnownCheckpoint known;
    try {
      known = new KnownCheckpoint(number, checkpointHash);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("checkpointHash", ProblemText.of("field.checkpoint-hash"));
    }
    return verifier.verify(known);
  }

  /** The newest checkpoint with every stream head: the document to export and keep elsewhere. */
  @ApiResponse(responseCode = "200", description = "The newest checkpoint")
  @ApiResponse(responseCode = "404", description = "No checkpoint has been taken yet")
  @GetMapping("/checkpoints/latest")
  public Checkpoint latestCheckpoint() {
    return checkpoints
        .latest()
        .orElseThrow(() -> new NotFoundException(ProblemText.of("detail.no-checkpoint")));
  }

  /** Takes a checkpoint now. */
  @PostMapping("/checkpoints")
  public ResponseEntity<Checkpoint> takeCheckpoint() {
    return ResponseEntity.status(HttpStatus.CREATED).body(checkpoints.create());
  }

  /** The read records (閲覧記録), oldest first. */
  @GetMapping("/access")
  public AccessRecords.Page access(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    Instant fromTime = instant("from", from);
    Instant toTime = instant("to", to);
    checkRange(fromTime, toTime);
    int pageNumber = number("page", page, 0, 0, 1_000_000);
    int pageSize = number("size", size, 50, 1, properties.maxPageSize());
    return accessRecords.list(fromTime, toTime, filter("actor", actor), pageNumber, pageSize);
  }

  private static Instant instant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, ProblemText.of("field.instant"));
    }
  }

  private static void checkRange(Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidFieldException("to", ProblemText.of("field.after-from"));
    }
  }

  private static int number(String field, String value, int absent, int min, int max) {
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidFieldException(
        field,
        ProblemText.of("field.whole-number-from-to", String.valueOf(min), String.valueOf(max)));
  }

  /**
   * A filter value is matched by equality only, so any text is safe; overlong or control-character
   * text is refused rather than searched for.
   */
  private static String filter(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_FILTER_LENGTH || CONTROL.matcher(value).find()) {
      throw new InvalidFieldException(
          field, ProblemText.of("field.filter-length", String.valueOf(MAX_FILTER_LENGTH)));
    }
    return value;
  }
}
