package jp.coordination.query.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/operations/rebuilds} with {@code {readModels?}} starts a rebuild ({@code 202
 * {id}}, or {@code 409} while another runs); {@code GET /api/operations/rebuilds/{id}} answers its
 * status and progress, from any instance.
 */
@RestController
class RebuildController {

  private final RebuildJobs jobs;

  RebuildController(RebuildJobs jobs) {
    this.jobs = jobs;
  }

  /**
   * The body as documented, for the OpenAPI description; read as a tree, so that a 400 names {@code
   * readModels}.
   */
  record StartRequest(
      @ArraySchema(
              schema =
                  @Schema(
                      allowableValues = {
                        "views",
                        "dashboards",
                        "statistics",
                        "facilities",
                        "lists"
                      }))
          List<String> readModels) {}

  @ApiResponse(responseCode = "202", description = "Started; follow it at Location")
  @ApiResponse(
      responseCode = "409",
      description = "Another rebuild is running (urn:coordination:problem:rebuild-running)")
  @ApiResponse(
      responseCode = "503",
      description = "No rebuild possible now (urn:coordination:problem:rebuild-not-possible)")
  @PostMapping(path = "/api/operations/rebuilds", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> start(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = StartRequest.class)))
          @RequestBody(required = false)
          JsonNode body) {
    List<String> readModels = readModels(body);
    RebuildJobs.Submitted submitted;
    try {
      submitted = jobs.submit(readModels);
    } catch (RejectedExecutionException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, "60")
          .body(
              Problems.of(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "rebuild-not-possible",
                  ProblemText.of("detail.rebuild-not-possible")));
    }
    if (submitted instanceof RebuildJobs.Busy busy) {
      var problem =
          Problems.of(
              HttpStatus.CONFLICT, "rebuild-running", ProblemText.of("detail.rebuild-running"));
      problem.setProperty("running", busy.running());
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    String id = ((RebuildJobs.Started) submitted).id();
    return ResponseEntity.accepted()
        .location(URI.create("/api/operations/rebuilds/" + id))
        .body(Map.of("id", id));
  }

  /** The names asked for; all read models when the body or the field is absent. */
  private static List<String> readModels(JsonNode body) {
    if (body == null || body.isNull()) {
      return ReadModels.ALL;
    }
    if (!body.isObject()) {
      throw new InvalidFieldException("readModels", ProblemText.of("field.rebuild-body"));
    }
    JsonNode field = body.get("readModels");
    if (field == null || field.isNull()) {
      return ReadModels.ALL;
    }
    if (!field.isArray()) {
      throw new InvalidFieldException("readModels", ProblemText.of("field.read-model-list"));
    }
    List<String> asked = new ArrayList<>();
    for (JsonNode name : field) {
      if (!name.isTextual()) {
        throw new InvalidFieldException("readModels", ProblemText.of("field.read-model-list"));
      }
      asked.add(name.asText());
    }
    Optional<ProblemText> wrong = ReadModels.whatIsWrong(asked);
    if (wrong.isPresent()) {
      throw new InvalidFieldException("readModels", wrong.get());
    }
    return ReadModels.chosen(asked);
  }

  @GetMapping("/api/operations/rebuilds/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
    RebuildJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Rebuild", id));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id());
    body.put("status", job.status().name());
    body.put("readModels", job.readModels());
    body.put("eventsRead", job.eventsRead());
    body.put("eventsTotal", job.eventsTotal());
    body.put("ratePerSecond", job.ratePerSecond());
    body.put("secondsLeft", job.secondsLeft());
    body.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
    if (job.finishedAt() != null) {
      body.put("finishedAt", job.finishedAt().toString());
    }
    if (job.error() != null) {
      body.put("error", job.error());
    }
    body.put("fromGeneration", job.fromGeneration());
    body.put("toGeneration", job.toGeneration());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
