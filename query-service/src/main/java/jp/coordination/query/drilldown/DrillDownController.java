package jp.coordination.query.drilldown;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.concurrent.Semaphore;
import jp.coordination.events.region.Region;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import jp.coordination.platform.security.Actor;
import jp.coordination.query.personaldata.ReadRecords;
import jp.coordination.query.statistics.CountedEvents;
import jp.coordination.query.statistics.StatisticsExports;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/statistics/{fiscalYear}/events?ward=&figure=&purpose=} (ANALYST, CITY_AUDITOR):
 * the events behind one count figure of a ward (or, without {@code ward}, of the region's total).
 * The stated purpose is required and the read is recorded (閲覧記録) before anything is answered.
 */
@RestController
class DrillDownController {

  static final int MAX_PURPOSE_LENGTH = 500;
  static final String RECORD_TYPE = "StatisticsFigure";

  private final DrillDown drillDown;
  private final Region region;
  private final ReadRecords readRecords;

  /** A drill-down replays the whole log twice: one at a time, the others are asked to come back. */
  private final Semaphore running = new Semaphore(1);

  DrillDownController(DrillDown drillDown, Region region, ReadRecords readRecords) {
    this.drillDown = drillDown;
    this.region = region;
    this.readRecords = readRecords;
  }

  @ApiResponse(responseCode = "200", description = "The events behind the figure, pseudonymised")
  @ApiResponse(
      responseCode = "503",
      description =
          "Another drill-down is running (urn:coordination:problem:drill-down-busy), or the service is overloaded; see Retry-After")
  @GetMapping("/api/statistics/{fiscalYear}/events")
  ResponseEntity<?> events(
      @PathVariable String fiscalYear,
      @RequestParam(required = false) String ward,
      @RequestParam(required = false) String figure,
      @RequestParam(required = false) String purpose,
      Authentication caller) {
    int year = StatisticsExports.parseFiscalYear(fiscalYear);
    if (figure == null || figure.isBlank()) {
      throw new InvalidFieldException("figure", ProblemText.of("field.figure-required"));
    }
    if (!CountedEvents.FIGURES.contains(figure)) {
      throw new InvalidFieldException("figure", ProblemText.of("field.count-figure"));
    }
    String column = ward == null || ward.isBlank() ? null : ward;
    if (column != null && !region.hasWard(column)) {
      throw new InvalidFieldException(
          "ward", ProblemText.of("field.not-a-ward-named", Problems.quote(column)));
    }
    if (purpose == null || purpose.isBlank() || purpose.strip().length() > MAX_PURPOSE_LENGTH) {
      throw new InvalidFieldException(
          "purpose", ProblemText.of("field.purpose-required", String.valueOf(MAX_PURPOSE_LENGTH)));
    }
    if (!running.tryAcquire()) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "10")
          .body(
              Problems.of(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "drill-down-busy",
                  ProblemText.of("detail.drill-down-busy")));
    }
    try {
      readRecords.record(
          Actor.of(caller),
          RECORD_TYPE,
          year + "/" + (column == null ? "TOTAL" : column) + "/" + figure,
          purpose.strip(),
          "GET /api/statistics/{fiscalYear}/events",
          CorrelationIdFilter.current());
      List<DrillDown.Listed> events = drillDown.events(year, column, figure);
      return ResponseEntity.ok(events);
    } finally {
      running.release();
    }
  }
}
