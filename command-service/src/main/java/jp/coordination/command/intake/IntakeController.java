package jp.coordination.command.intake;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.references.FacilityReferences;
import jp.coordination.command.references.HouseholdReferences;
import jp.coordination.command.security.FacilityAccounts;
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

/** Commands on emergency intakes. */
@RestController
@RequestMapping("/api/intakes")
class IntakeController {
  private final CommandDispatcher dispatcher;
  private final FacilityAccounts facilityAccounts;
  private final HouseholdReferences households;
  private final FacilityReferences facilities;

  IntakeController(
      CommandDispatcher dispatcher,
      FacilityAccounts facilityAccounts,
      HouseholdReferences households,
      FacilityReferences facilities) {
    this.dispatcher = dispatcher;
    this.facilityAccounts = facilityAccounts;
    this.households = households;
    this.facilities = facilities;
  }

  @ApiResponse(
      responseCode = "201",
      description = "Created; the same request sent again gets the same answer.")
  @ApiResponse(responseCode = "404", description = "householdId names no registered household")
  @PostMapping
  ResponseEntity<CommandAccepted> request(@Valid @RequestBody IntakeRequests.Request body) {
    String householdId = body.householdId() == null ? null : body.householdId().toString();
    households.requireReferable("householdId", householdId);
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            intakeId ->
                new RequestEmergencyIntake(
                    intakeId, body.ward(), householdId, body.trigger(), body.supportNeeds())));
  }

  @PostMapping("/{id}/declines")
  ResponseEntity<CommandAccepted> decline(
      @PathVariable UUID id, @Valid @RequestBody IntakeRequests.Decline body) {
    // A facility account declines only in its own name; before any lookup of the intake.
    facilityAccounts.requireMayActFor(body.facilityId().toString());
    return dispatcher.change(
        new Change(
            AggregateType.EMERGENCY_INTAKE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new RecordIntakeDecline(id.toString(), body.facilityId().toString(), body.reason())));
  }

  @PostMapping("/{id}/placement")
  ResponseEntity<CommandAccepted> place(
      @PathVariable UUID id, @Valid @RequestBody IntakeRequests.Placement body) {
    String facilityId = body.facilityId().toString();
    return dispatcher.change(
        new Change(
            AggregateType.EMERGENCY_INTAKE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new PlaceEmergencyIntake(id.toString(), facilityId, body.expectedLastDay()),
            List.of(),
            // The aggregate cannot look up other streams, so "facility must be registered" is
            // checked here, once the user is known to be allowed to act on this intake.
            () -> facilities.requireRegistered("facilityId", facilityId)));
  }

  @PostMapping("/{id}/completion")
  ResponseEntity<CommandAccepted> complete(
      @PathVariable UUID id, @Valid @RequestBody IntakeRequests.Completion body) {
    return dispatcher.change(
        new Change(
            AggregateType.EMERGENCY_INTAKE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CompleteEmergencyIntake(id.toString(), body.outcome())));
  }

  @PostMapping("/{id}/cancellation")
  ResponseEntity<CommandAccepted> cancel(
      @PathVariable UUID id, @Valid @RequestBody IntakeRequests.Cancellation body) {
    return dispatcher.change(
        new Change(
            AggregateType.EMERGENCY_INTAKE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CancelEmergencyIntake(id.toString(), body.reason())));
  }
}
