package jp.coordination.command.capacity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.Codes;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One held capacity-building activity, not a case: recorded, corrected any number of times (the
 * whole record again), withdrawn once. A withdrawn activity takes no more commands.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.CAPACITY_ACTIVITY)
public class CapacityActivity {
  @AggregateIdentifier private String activityId;
  private String ward;
  private boolean withdrawn;

  protected CapacityActivity() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(RecordCapacityActivity command) {
    ActivityRecord r = valid(command.record());
    apply(
        new CapacityActivityRecorded(
            command.activityId(),
            CapacityActivityEvent.wardOf(Codes.normalisedText(r.wards())),
            r.kind(),
            r.wards(),
            r.organiser(),
            r.heldAt(),
            r.participants(),
            r.topic()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CorrectCapacityActivity command) {
    requireNotWithdrawn("corrected");
    ActivityRecord r = valid(command.record());
    apply(
        new CapacityActivityCorrected(
            activityId,
            CapacityActivityEvent.wardOf(Codes.normalisedText(r.wards())),
            r.kind(),
            r.wards(),
            r.organiser(),
            r.heldAt(),
            r.participants(),
            r.topic()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(WithdrawCapacityActivity command) {
    requireNotWithdrawn("withdrawn again");
    if (command.reason() == null || command.reason().isBlank()) {
      throw FieldRejectedException.required("reason");
    }
    apply(new CapacityActivityWithdrawn(activityId, ward, command.reason()));
    return AggregateLifecycle.getVersion();
  }

  private static ActivityRecord valid(ActivityRecord r) {
    if (r == null || r.kind() == null) {
      throw FieldRejectedException.required("kind");
    }
    if (r.wards() == null) {
      throw new FieldRejectedException("wards", ProblemText.of("field.wards-required"));
    }
    if (r.organiser() == null) {
      throw FieldRejectedException.required("organiser");
    }
    if (r.heldAt() == null) {
      throw FieldRejectedException.required("heldAt");
    }
    if (r.participants() == null) {
      throw FieldRejectedException.required("participants");
    }
    for (Map.Entry<ParticipantKind, Integer> count : r.participants().entrySet()) {
      if (count.getKey() == null || count.getValue() == null || count.getValue() < 0) {
        throw new FieldRejectedException(
            "participants", ProblemText.of("field.participant-counts"));
      }
    }
    if (r.topic() == null || r.topic().isBlank()) {
      throw FieldRejectedException.required("topic");
    }
    return r;
  }

  private void requireNotWithdrawn(String what) {
    if (withdrawn) {
      throw new RuleBrokenException(
          ProblemText.of("rule.activity.withdrawn", RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(CapacityActivityRecorded event) {
    activityId = event.activityId();
    ward = event.ward();
  }

  @EventSourcingHandler
  void on(CapacityActivityCorrected event) {
    ward = event.ward();
  }

  @EventSourcingHandler
  void on(CapacityActivityWithdrawn event) {
    withdrawn = true;
  }
}
