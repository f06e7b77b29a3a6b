package jp.coordination.command.household;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.command.web.InvalidFieldException;
import jp.coordination.command.web.NotImplementedException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.region.Region;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on the at-risk household register. */
@RestController
@RequestMapping("/api/households")
class HouseholdController {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final CommandDispatcher dispatcher;
  private final Region region;
  private final Clock clock;

  HouseholdController(CommandDispatcher dispatcher, Region region, ObjectProvider<Clock> clock) {
    this.dispatcher = dispatcher;
    this.region = region;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping
  ResponseEntity<CommandAccepted> register(@Valid @RequestBody HouseholdRequests.Register body) {
    if (body.area() != null && !region.ward(body.ward()).map(w -> w.hasArea(body.area())).orElse(false)) {
      throw new InvalidFieldException("area", "is not an area of ward " + body.ward());
    }
    if (body.person().birthYear() > Year.now(clock.withZone(TOKYO)).getValue()) {
      throw new InvalidFieldException("person.birthYear", "must not be in the future");
    }
    PersonalData person =
        new PersonalData(
            body.person().name(), body.person().address(), body.person().phone(), body.person().birthYear());
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            householdId ->
                new RegisterAtRiskHousehold(
                    householdId,
                    body.ward(),
                    body.area(),
                    body.riskFactors(),
                    body.disabilityTypes(),
                    body.child(),
                    body.supportNeeds(),
                    body.consentAt().toInstant(),
                    person)));
  }

  @PostMapping("/{id}/reassessments")
  ResponseEntity<CommandAccepted> reassess(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Reassess body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new ReassessHouseholdRisk(id.toString(), body.riskFactors(), body.supportNeeds())));
  }

  @PostMapping("/{id}/moves")
  ResponseEntity<CommandAccepted> move(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Move body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new MoveHouseholdToWard(id.toString(), body.toWard()),
            // A ward-scoped coordinator may neither move a household out of nor into other wards.
            List.of(body.toWard()),
            () -> {}));
  }

  @PostMapping("/{id}/deregistration")
  ResponseEntity<CommandAccepted> deregister(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Deregister body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new DeregisterHousehold(id.toString(), body.reason())));
  }

  /**
   * Part of the contract, but erasure (crypto-shredding across store and Kafka) is a later issue;
   * answering 501 tells clients it is known and not yet available, rather than 404.
   */
  @PostMapping("/{id}/erasure")
  ResponseEntity<CommandAccepted> erase(@PathVariable UUID id) {
    throw new NotImplementedException("Erasure of personal data is not available yet.");
  }
}
