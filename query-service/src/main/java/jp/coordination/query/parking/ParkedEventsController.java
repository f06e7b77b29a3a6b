package jp.coordination.query.parking;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import jp.coordination.query.consumer.ParkedEvent;
import jp.coordination.query.consumer.Parking;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/operations/parked} lists the parked (and held) records by position, type,
 * sequence and reason, never their content; {@code POST .../{id}/retry} applies one again, {@code
 * POST .../{id}/skip} with a {@code reason} sets it aside for good, and both then release the later
 * records of its aggregate.
 */
@RestController
class ParkedEventsController {

  static final int MAX_REASON_LENGTH = 500;

  private final Parking parking;

  ParkedEventsController(Parking parking) {
    this.parking = parking;
  }

  /** One entry as operators see it: everything but the record's bytes. */
  record Item(
      String id,
      String aggregateId,
      int partition,
      long offset,
      String eventId,
      String type,
      Integer revision,
      Long sequence,
      ParkedEvent.State state,
      ParkedEvent.Reason reason,
      String detail,
      Instant firstFailureAt,
      Instant lastFailureAt,
      int attempts,
      Instant heldUntil,
      Instant resolvedAt,
      String skippedBy,
      String skipReason) {

    static Item of(ParkedEvent e) {
      return new Item(
          e.id(),
          e.aggregateId(),
          e.partition(),
          e.offset(),
          e.eventId(),
          e.type(),
          e.revision(),
          e.sequence(),
          e.state(),
          e.reason(),
          e.detail(),
          e.firstFailureAt(),
          e.lastFailureAt(),
          e.attempts(),
          e.heldUntil(),
          e.resolvedAt(),
          e.skippedBy(),
          e.skipReason());
    }
  }

  record Listing(long parked, long held, List<Item> events) {}

  /**
   * @param all also the resolved entries (applied later, or skipped), kept as a record
   */
  @GetMapping("/api/operations/parked")
  Listing list(@RequestParam(name = "all", defaultValue = "false") boolean all) {
    List<ParkedEvent> entries = parking.list();
    long parked = entries.stream().filter(e -> e.state() == ParkedEvent.State.PARKED).count();
    long held = entries.stream().filter(e -> e.state() == ParkedEvent.State.HELD).count();
    return new Listing(
        parked,
        held,
        entries.stream().filter(e -> all || e.state().active()).map(Item::of).toList());
  }

  @ApiResponse(responseCode = "200", description = "Applied")
  @ApiResponse(
      responseCode = "409",
      description = "No longer parked, or an earlier event of the same aggregate is parked")
  @PostMapping("/api/operations/parked/{id}/retry")
  ResponseEntity<Object> retry(@PathVariable String id) {
    known(id);
    return answer(parking.retry(id));
  }

  /**
   * The body as documented, for the OpenAPI description; read as a tree, so that a 400 names {@code
   * reason}.
   */
  record SkipRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_REASON_LENGTH)
          String reason) {}

  @ApiResponse(responseCode = "200", description = "Skipped, with who and why")
  @ApiResponse(
      responseCode = "409",
      description = "No longer parked, or an earlier event of the same aggregate is parked")
  @PostMapping("/api/operations/parked/{id}/skip")
  ResponseEntity<Object> skip(
      @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = SkipRequest.class)))
          @RequestBody(required = false)
          JsonNode body,
      Authentication caller) {
    known(id);
    JsonNode reason = body == null ? null : body.get("reason");
    if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
      throw new InvalidFieldException("reason", ProblemText.of("field.skip-reason-required"));
    }
    if (reason.asText().length() > MAX_REASON_LENGTH) {
      throw new InvalidFieldException(
          "reason", ProblemText.of("field.at-most-characters", String.valueOf(MAX_REASON_LENGTH)));
    }
    return answer(parking.skip(id, caller.getName(), reason.asText().strip()));
  }

  private void known(String id) {
    if (parking.find(id).isEmpty()) {
      throw new NotFoundException("Parked event", id);
    }
  }

  private static ResponseEntity<Object> answer(Parking.Release release) {
    return switch (release.outcome()) {
      case NOT_ACTIVE ->
          conflict(release, ProblemText.of("detail.no-longer-parked", release.state().name()));
      case NOT_FIRST -> conflict(release, ProblemText.of("detail.earlier-event-parked"));
      default -> ResponseEntity.ok(release);
    };
  }

  private static ResponseEntity<Object> conflict(Parking.Release release, ProblemText detail) {
    ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict", detail);
    problem.setProperties(Map.of("id", release.id(), "state", release.state().name()));
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
