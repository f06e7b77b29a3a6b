package jp.coordination.command.facility;

import jakarta.validation.Valid;
import java.util.UUID;
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

/** Commands on facilities of the emergency network. */
@RestController
@RequestMapping("/api/facilities")
class FacilityController {
  private final CommandDispatcher dispatcher;
  private final FacilityAccounts accounts;

  FacilityController(CommandDispatcher dispatcher, FacilityAccounts accounts) {
    this.dispatcher = dispatcher;
    this.accounts = accounts;
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
                    facilityId,
                    body.name(),
                    body.ward(),
                    body.kind(),
                    body.capabilities(),
                    body.emergencyBeds())));
  }

  @PostMapping("/{id}/availability")
  ResponseEntity<CommandAccepted> declareAvailability(
      @PathVariable UUID id, @Valid @RequestBody FacilityRequests.Availability body) {
    // Before any lookup: the answer is the same whether or not the facility exists.
    accounts.requireMayActFor(id.toString());
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
