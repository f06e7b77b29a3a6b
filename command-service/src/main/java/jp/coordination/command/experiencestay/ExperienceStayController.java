package jp.coordination.command.experiencestay;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import jp.coordination.command.references.FacilityReferences;
import jp.coordination.command.references.HouseholdReferences;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on experience stays. */
@RestController
@RequestMapping("/api/experience-stays")
class ExperienceStayController {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /**
   * Planned days are kept in the range the rest of the record can represent, as business times are.
   */
  static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 4, 1);

  /** How far ahead a stay may be arranged. */
  static final int MAX_YEARS_AHEAD = 2;

  private final CommandDispatcher dispatcher;
  private final HouseholdReferences households;
  private final FacilityReferences facilities;
  private final Clock clock;

  ExperienceStayController(
      CommandDispatcher dispatcher,
      HouseholdReferences households,
      FacilityReferences facilities,
      ObjectProvider<Clock> clock) {
    this.dispatcher = dispatcher;
    this.households = households;
    this.facilities = facilities;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping
  ResponseEntity<CommandAccepted> arrange(@Valid @RequestBody ExperienceStayRequests.Arrange body) {
    requirePlannable("firstDay", body.firstDay());
    requirePlannable("lastDay", body.lastDay());
    String householdId = body.householdId() == null ? null : body.householdId().toString();
    String facilityId = body.facilityId() == null ? null : body.facilityId().toString();
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            // Runs once the user may act in the stay's ward: only then are other records looked up.
            stayId -> {
              households.requireReferable("householdId", householdId);
              facilities.requireRegistered("facilityId", facilityId);
              return new ArrangeExperienceStay(
                  stayId,
                  body.ward(),
                  body.kind(),
                  householdId,
                  facilityId,
                  body.firstDay(),
                  body.lastDay());
            }));
  }

  @PostMapping("/{id}/start")
  ResponseEntity<CommandAccepted> start(
      @PathVariable UUID id,
      @Valid @RequestBody(required = false) ExperienceStayRequests.Start body) {
    ExperienceStayRequests.Start start =
        body != null ? body : new ExperienceStayRequests.Start(null, null);
    return dispatcher.change(
        new Change(
            AggregateType.EXPERIENCE_STAY,
            id.toString(),
            start.id(),
            start.at(),
            start,
            new StartExperienceStay(id.toString())));
  }

  @PostMapping("/{id}/completion")
  ResponseEntity<CommandAccepted> complete(
      @PathVariable UUID id, @Valid @RequestBody ExperienceStayRequests.Completion body) {
    return dispatcher.change(
        new Change(
            AggregateType.EXPERIENCE_STAY,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CompleteExperienceStay(id.toString(), body.nightsStayed(), body.outcome())));
  }

  @PostMapping("/{id}/cancellation")
  ResponseEntity<CommandAccepted> cancel(
      @PathVariable UUID id, @Valid @RequestBody ExperienceStayRequests.Cancellation body) {
    return dispatcher.change(
        new Change(
            AggregateType.EXPERIENCE_STAY,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CancelExperienceStay(id.toString(), body.reason())));
  }

  private void requirePlannable(String field, LocalDate day) {
    LocalDate latest = LocalDate.now(clock.withZone(TOKYO)).plusYears(MAX_YEARS_AHEAD);
    if (day.isBefore(EARLIEST_DAY) || day.isAfter(latest)) {
      throw new InvalidFieldException(
          field, ProblemText.of("field.day-range", String.valueOf(MAX_YEARS_AHEAD)));
    }
  }
}
