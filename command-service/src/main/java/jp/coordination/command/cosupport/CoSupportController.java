package jp.coordination.command.cosupport;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import jp.coordination.command.references.HouseholdReferences;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.events.AggregateType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on co-support cases. */
@RestController
@RequestMapping("/api/cosupports")
class CoSupportController {
  private final CommandDispatcher dispatcher;
  private final HouseholdReferences households;

  CoSupportController(CommandDispatcher dispatcher, HouseholdReferences households) {
    this.dispatcher = dispatcher;
    this.households = households;
  }

  @ApiResponse(
      responseCode = "201",
      description = "Created; the same request sent again gets the same answer.")
  @ApiResponse(responseCode = "404", description = "householdId names no registered household")
  @PostMapping
  ResponseEntity<CommandAccepted> open(@Valid @RequestBody CoSupportRequests.Open body) {
    String householdId = body.householdId() == null ? null : body.householdId().toString();
    households.requireReferable("householdId", householdId);
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            caseId ->
                new OpenCoSupport(
                    caseId, body.ward(), body.officeId(), householdId, body.difficulties())));
  }

  @PostMapping("/{id}/activities")
  ResponseEntity<CommandAccepted> recordActivity(
      @PathVariable UUID id, @Valid @RequestBody CoSupportRequests.Activity body) {
    return dispatcher.change(
        new Change(
            AggregateType.CO_SUPPORT,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new RecordCoSupportActivity(id.toString(), body.type())));
  }

  @PostMapping("/{id}/closure")
  ResponseEntity<CommandAccepted> close(
      @PathVariable UUID id, @Valid @RequestBody CoSupportRequests.Closure body) {
    return dispatcher.change(
        new Change(
            AggregateType.CO_SUPPORT,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CloseCoSupport(id.toString(), body.outcome())));
  }
}
