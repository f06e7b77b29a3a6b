package jp.coordination.command.facility;

import jakarta.validation.Valid;
import java.util.UUID;
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

/** Commands on facilities of the emergency network. */
@RestController
@RequestMapping("/api/facilities")
class FacilityController {
  private final CommandDispatcher dispatcher;

  FacilityController(CommandDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @PostMapping
  ResponseEntity<CommandAccepted> register(@Valid @RequestBody FacilityRequests.Register body) {
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            facilityId ->
                new RegisterFacility(
                    facilityId, body.name(), body.ward(), body.kind(), body.capabilities(), body.emergencyBeds())));
  }

  @PostMapping("/{id}/availability")
  ResponseEntity<CommandAccepted> declareAvailability(
      @PathVariable UUID id, @Valid @RequestBody FacilityRequests.Availability body) {
    return dispatcher.change(
        new Change(
            AggregateType.FACILITY,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new DeclareFacilityAvailability(id.toString(), body.availableBeds())));
  }
}
