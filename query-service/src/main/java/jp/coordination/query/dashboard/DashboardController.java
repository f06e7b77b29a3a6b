package jp.coordination.query.dashboard;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import jp.coordination.platform.security.WardAccess;
import jp.coordination.query.calendar.BusinessCalendar;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/wards/{ward}/dashboard} and its live stream {@code .../dashboard/stream}. Both
 * take an optional {@code fiscalYear}: the "ThisYear" figures and the monthly series of that fiscal
 * year instead of the one containing {@code asOf}.
 */
@RestController
class DashboardController {

  /** The problem type of a refused stream: {@code urn:coordination:problem:too-many-streams}. */
  static final String TOO_MANY_STREAMS = "too-many-streams";

  static final int FIRST_FISCAL_YEAR = 2000;
  static final int LAST_FISCAL_YEAR = 2100;

  private final DashboardProjection projection;
  private final DashboardStreams streams;
  private final Region region;
  private final BusinessCalendar calendar;
  private final Clock clock;

  DashboardController(
      DashboardProjection projection,
      DashboardStreams streams,
      Region region,
      BusinessCalendar calendar,
      Clock clock) {
    this.projection = projection;
    this.streams = streams;
    this.region = region;
    this.calendar = calendar;
    this.clock = clock;
  }

  @ApiResponse(responseCode = "200", description = "The ward's dashboard")
  @ApiResponse(responseCode = "404", description = "No such ward in the region")
  @GetMapping("/api/wards/{ward}/dashboard")
  DashboardResponse dashboard(
      @PathVariable String ward,
      @RequestParam(required = false) String fiscalYear,
      Authentication caller) {
    requireVisibleWard(ward, caller);
    Integer year = fiscalYear(fiscalYear);
    Instant asOf = clock.instant();
    return DashboardResponse.of(
        projection.dashboard(ward),
        year != null ? year : calendar.fiscalYearOf(asOf),
        asOf,
        calendar.zone());
  }

  @ApiResponse(
      responseCode = "200",
      description = "Event dashboard with the dashboard's JSON on connect and on every change",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", description = "No such ward in the region")
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many open streams of this user (urn:coordination:problem:too-many-streams); see Retry-After")
  @GetMapping(
      path = "/api/wards/{ward}/dashboard/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @PathVariable String ward,
      @RequestParam(required = false) String fiscalYear,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      Authentication caller) {
    requireVisibleWard(ward, caller);
    return streams.subscribe(
        StreamViewer.of(caller), ward, fiscalYear(fiscalYear), lastEventId(lastEventId));
  }

  /**
   * 429 problem+json, with {@code Retry-After} in seconds, when the user's streams are all taken.
   */
  @ExceptionHandler(TooManyStreamsException.class)
  ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_STREAMS, e.text()));
  }

  private void requireVisibleWard(String ward, Authentication caller) {
    // Scope first, so that a ward-scoped caller learns nothing about other codes.
    WardAccess.requireWard(caller, ward);
    if (!region.hasWard(ward)) {
      throw new NotFoundException("Ward", ward);
    }
  }

  private static Integer fiscalYear(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      int year = Integer.parseInt(text.trim());
      if (year >= FIRST_FISCAL_YEAR && year <= LAST_FISCAL_YEAR) {
        return year;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidFieldException(
        "fiscalYear",
        ProblemText.of(
            "field.dashboard-fiscal-year",
            String.valueOf(FIRST_FISCAL_YEAR),
            String.valueOf(LAST_FISCAL_YEAR)));
  }

  // An id this service did not issue (garbage, or from before a rebuild) just means "send the
  // current state".
  private static Long lastEventId(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
