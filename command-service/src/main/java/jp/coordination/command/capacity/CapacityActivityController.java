package jp.coordination.command.capacity;

import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.web.BusinessTime;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.events.AggregateType;
import jp.coordination.events.Codes;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on capacity-building activities. An activity of one ward is in that ward's scope; one
 * serving several wards or the whole region counts for none, so only a user without ward scope may
 * record or correct it (a ward-scoped coordinator cannot speak for the other wards).
 */
@RestController
@RequestMapping("/api/capacity-activities")
class CapacityActivityController {
  private final CommandDispatcher dispatcher;
  private final BusinessTime businessTime;
  private final Region region;

  CapacityActivityController(
      CommandDispatcher dispatcher, BusinessTime businessTime, Region region) {
    this.dispatcher = dispatcher;
    this.businessTime = businessTime;
    this.region = region;
  }

  @PostMapping
  ResponseEntity<CommandAccepted> record(
      @Valid @RequestBody CapacityActivityRequests.Activity body) {
    ActivityRecord record = recordOf(body);
    return dispatcher.create(
        new Creation(
            CapacityActivityEvent.wardOf(record.wards()),
            body.id(),
            body.at(),
            body,
            activityId -> new RecordCapacityActivity(activityId, record)));
  }

  @PostMapping("/{id}/correction")
  ResponseEntity<CommandAccepted> correct(
      @PathVariable UUID id, @Valid @RequestBody CapacityActivityRequests.Activity body) {
    ActivityRecord record = recordOf(body);
    return dispatcher.change(
        new Change(
            AggregateType.CAPACITY_ACTIVITY,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CorrectCapacityActivity(id.toString(), record),
            // The corrected record must be in the user's scope too (null: several wards or region).
            Collections.singletonList(CapacityActivityEvent.wardOf(record.wards())),
            () -> {}));
  }

  @PostMapping("/{id}/withdrawal")
  ResponseEntity<CommandAccepted> withdraw(
      @PathVariable UUID id, @Valid @RequestBody CapacityActivityRequests.Withdrawal body) {
    return dispatcher.change(
        new Change(
            AggregateType.CAPACITY_ACTIVITY,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new WithdrawCapacityActivity(id.toString(), body.reason())));
  }

  /** The body as a record: wards known to the region, {@code heldAt} in the business-time range. */
  private ActivityRecord recordOf(CapacityActivityRequests.Activity body) {
    List<String> wards = body.wards();
    for (int i = 0; i < wards.size(); i++) {
      if (!region.hasWard(wards.get(i))) {
        throw new InvalidFieldException("wards[" + i + "]", ProblemText.of("field.not-a-ward"));
      }
    }
    Instant heldAt =
        businessTime.requireInRange("heldAt", body.heldAt()).truncatedTo(ChronoUnit.MILLIS);
    return new ActivityRecord(
        body.kind(),
        Codes.normalisedText(wards),
        body.organiser(),
        heldAt,
        body.participants(),
        body.topic());
  }
}
