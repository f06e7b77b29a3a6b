package jp.coordination.query.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import jp.coordination.platform.security.Actor;
import jp.coordination.query.statistics.Definitions;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.SmallNumberSuppression;
import jp.coordination.query.statistics.StatisticsDifferences;
import jp.coordination.query.statistics.StatisticsDisclosure;
import jp.coordination.query.statistics.StatisticsExports;
import jp.coordination.query.statistics.StatisticsFormats;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/evaluations} starts a rebuild ({@code 202 {id}}); {@code GET
 * /api/evaluations/{id}} answers {@code {status, eventsRead, result?}} plus run metadata beside
 * (never inside) the result, or the result alone as CSV. The stored result is exact; a council
 * reads it with small numbers suppressed ({@link SmallNumberSuppression}), like the live
 * statistics. A what-if (a body with {@code definitions}) keeps the official figures of the same
 * events beside its variant and answers their differences; it is for readers of exact figures only.
 */
@RestController
class EvaluationController {

  private final EvaluationJobs jobs;
  private final Region region;
  private final ObjectMapper mapper;
  private final SmallNumberSuppression suppression;

  EvaluationController(
      EvaluationJobs jobs, Region region, ObjectMapper mapper, SmallNumberSuppression suppression) {
    this.jobs = jobs;
    this.region = region;
    this.mapper = mapper;
    this.suppression = suppression;
  }

  /**
   * The body as API.md describes it, for the OpenAPI description; read as a tree, so that a 400
   * names the wrong field.
   */
  record StartRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int fiscalYear,
      OffsetDateTime recordedUpTo,
      Definitions definitions) {}

  @ApiResponse(responseCode = "202", description = "Started; follow it at Location")
  @ApiResponse(
      responseCode = "503",
      description =
          "Too many evaluations running (urn:coordination:problem:too-many-evaluations); see Retry-After")
  @PostMapping(path = "/api/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> start(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = StartRequest.class)))
          @RequestBody(required = false)
          JsonNode body,
      Authentication caller) {
    if (body == null || !body.isObject()) {
      throw new InvalidFieldException("fiscalYear", ProblemText.of("field.evaluation-body"));
    }
    JsonNode year = body.get("fiscalYear");
    if (year == null || year.isNull()) {
      throw InvalidFieldException.required("fiscalYear");
    }
    if (!year.isIntegralNumber() || !year.canConvertToInt()) {
      throw new InvalidFieldException(
          "fiscalYear", ProblemText.of("field.whole-number-such-as", "2025"));
    }
    int fiscalYear = StatisticsExports.checkFiscalYear(year.intValue());
    Instant recordedUpTo = null;
    JsonNode cutoff = body.get("recordedUpTo");
    if (cutoff != null && !cutoff.isNull()) {
      if (!cutoff.isTextual()) {
        throw new InvalidFieldException(
            "recordedUpTo", ProblemText.of("field.must-be", ProblemText.of("shape.time")));
      }
      try {
        recordedUpTo = OffsetDateTime.parse(cutoff.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidFieldException(
            "recordedUpTo",
            ProblemText.of("field.time-with-offset-example", "2026-03-15T17:00:00+09:00"));
      }
    }
    JsonNode asked = body.get("definitions");
    if (asked != null && !asked.isNull()) {
      requireExactReader(caller); // before the definitions are checked: a council learns nothing
    }
    Definitions definitions = DefinitionsRequest.read(asked);
    String id;
    try {
      id = jobs.submit(fiscalYear, recordedUpTo, definitions);
    } catch (RejectedExecutionException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "60")
          .body(
              Problems.of(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "too-many-evaluations",
                  ProblemText.of("detail.too-many-evaluations")));
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/evaluations/" + id))
        .body(Map.of("id", id));
  }

  @ApiResponse(responseCode = "200", description = "The job: status, eventsRead, result when DONE")
  @ApiResponse(responseCode = "409", description = "CSV asked of an evaluation that is not DONE")
  @GetMapping("/api/evaluations/{id}")
  ResponseEntity<?> get(
      @PathVariable String id,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String part,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      Authentication caller) {
    EvaluationJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Evaluation", id));
    if (job.whatIf()) {
      requireExactReader(caller);
    }
    String role = caller == null ? null : Actor.of(caller).role();
    StatisticsExports.Format chosen = StatisticsExports.choose(format, accept);
    Part wanted = Part.of(part, job);
    if (chosen == StatisticsExports.Format.CSV) {
      if (job.status() != EvaluationJob.Status.DONE) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
            .body(
                Problems.of(
                    HttpStatus.CONFLICT,
                    "evaluation-not-done",
                    ProblemText.of("detail.evaluation-not-done", job.status().name())));
      }
      String file = "evaluation-" + job.fiscalYear() + "-" + id;
      return switch (wanted) {
        case RESULT ->
            StatisticsExports.answer(
                suppression.forReader(parse(job.resultJson()), role), region, chosen, file);
        case OFFICIAL ->
            StatisticsExports.answer(
                StatisticsDisclosure.exact(parse(job.officialJson())),
                region,
                chosen,
                file + "-official");
        case DIFFERENCES ->
            StatisticsExports.csvFile(
                StatisticsFormats.differencesCsv(
                    job.fiscalYear(), differences(job), job.definitions(), region),
                file + "-differences");
      };
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id());
    body.put("status", job.status().name());
    body.put("fiscalYear", job.fiscalYear());
    body.put("recordedUpTo", job.recordedUpTo() == null ? null : job.recordedUpTo().toString());
    body.put("eventsRead", job.eventsRead());
    body.put("source", job.source());
    body.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
    body.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
    if (job.error() != null) {
      body.put("error", job.error());
    }
    // Metadata of the run, beside the result: the events it had to leave out, by position and id.
    body.put("eventsNotFolded", job.notFoldedCount());
    body.put("notFolded", job.notFolded());
    if (job.whatIf()) {
      body.put("definitions", job.definitions());
    }
    if (job.resultJson() != null) {
      body.put("result", new RawValue(new String(result(job, role), StandardCharsets.UTF_8)));
    }
    if (job.officialJson() != null) {
      // Only readers of exact figures get here (a what-if is theirs), so the bytes go out as
      // stored.
      body.put(
          "official",
          new RawValue(
              new String(
                  StatisticsFormats.withSuppressed(
                      job.officialJson().getBytes(StandardCharsets.UTF_8), List.of()),
                  StandardCharsets.UTF_8)));
      body.put("differences", differences(job));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** Which figures of a job a CSV answer holds ({@code ?part=}). */
  private enum Part {
    RESULT,
    OFFICIAL,
    DIFFERENCES;

    static Part of(String part, EvaluationJob job) {
      if (part == null || part.isBlank() || part.equals("result")) {
        return RESULT;
      }
      Part chosen =
          switch (part) {
            case "official" -> OFFICIAL;
            case "differences" -> DIFFERENCES;
            default ->
                throw new InvalidFieldException(
                    "part", ProblemText.of("field.one-of", "result, official, differences"));
          };
      if (!job.whatIf()) {
        throw new InvalidFieldException("part", ProblemText.of("field.part-what-if-only", part));
      }
      return chosen;
    }
  }

  private List<StatisticsDifferences.Difference> differences(EvaluationJob job) {
    return StatisticsDifferences.between(parse(job.officialJson()), parse(job.resultJson()));
  }

  /**
   * A what-if is for readers of exact figures: figures of a council are suppressed, and two replays
   * a day apart would give back what suppression hides (a differencing attack).
   */
  private static void requireExactReader(Authentication caller) {
    String role = caller == null ? null : Actor.of(caller).role();
    if (!SmallNumberSuppression.seesExactFigures(role)) {
      throw new AccessDeniedException(
          "What-if evaluations are for analysts and auditors, who read exact figures.");
    }
  }

  /**
   * The result as the reader may see it, with its {@code suppressed} paths. Exact figures are the
   * stored bytes as they are (re-serialising through a tree could change number formatting); for a
   * council the stored statistics are read into their record, which keeps every number's scale.
   */
  private byte[] result(EvaluationJob job, String role) {
    if (SmallNumberSuppression.seesExactFigures(role)) {
      return StatisticsFormats.withSuppressed(
          job.resultJson().getBytes(StandardCharsets.UTF_8), List.of());
    }
    return StatisticsFormats.json(suppression.suppress(parse(job.resultJson())));
  }

  private FiscalYearStatistics parse(String json) {
    try {
      return mapper.readValue(json, FiscalYearStatistics.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Stored evaluation result is unreadable", e);
    }
  }
}
