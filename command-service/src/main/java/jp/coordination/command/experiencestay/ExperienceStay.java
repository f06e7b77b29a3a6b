package jp.coordination.command.experiencestay;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.temporal.ChronoUnit;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An experience stay: ARRANGED → STARTED → COMPLETED, or ARRANGED → CANCELLED. Planned for at most
 * {@value #MAX_NIGHTS} nights, and stayed for at most as many.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.EXPERIENCE_STAY)
public class ExperienceStay {
  /** The longest experience stay, in nights. */
  public static final int MAX_NIGHTS = 30;

  /** Where a stay is in its life. */
  enum Status {
    ARRANGED,
    STARTED,
    COMPLETED,
    CANCELLED
  }

  @AggregateIdentifier private String stayId;
  private String ward;
  private ExperienceStayKind kind;
  private Status status;

  protected ExperienceStay() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(ArrangeExperienceStay command) {
    if (command.ward() == null) {
      throw FieldRejectedException.required("ward");
    }
    if (command.kind() == null) {
      throw FieldRejectedException.required("kind");
    }
    if (command.firstDay() == null) {
      throw FieldRejectedException.required("firstDay");
    }
    if (command.lastDay() == null) {
      throw FieldRejectedException.required("lastDay");
    }
    if (command.lastDay().isBefore(command.firstDay())) {
      throw new FieldRejectedException(
          "lastDay", ProblemText.of("field.last-day-before-first-day"));
    }
    if (ChronoUnit.DAYS.between(command.firstDay(), command.lastDay()) > MAX_NIGHTS) {
      throw new FieldRejectedException(
          "lastDay", ProblemText.of("field.nights-after-first-day", String.valueOf(MAX_NIGHTS)));
    }
    apply(
        new ExperienceStayArranged(
            command.stayId(),
            command.ward(),
            command.kind(),
            command.householdId(),
            command.facilityId(),
            command.firstDay(),
            command.lastDay()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(StartExperienceStay command) {
    requireStatus(Status.ARRANGED, "started");
    apply(new ExperienceStayStarted(stayId, ward));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CompleteExperienceStay command) {
    requireStatus(Status.STARTED, "completed");
    if (command.nightsStayed() < 0 || command.nightsStayed() > MAX_NIGHTS) {
      throw new FieldRejectedException(
          "nightsStayed", ProblemText.of("field.from-to", "0", String.valueOf(MAX_NIGHTS)));
    }
    if (command.outcome() == null) {
      throw FieldRejectedException.required("outcome");
    }
    // The kind is repeated so completed stays can be counted by kind from this event alone.
    apply(
        new ExperienceStayCompleted(stayId, ward, kind, command.nightsStayed(), command.outcome()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CancelExperienceStay command) {
    requireStatus(Status.ARRANGED, "cancelled");
    if (command.reason() == null || command.reason().isBlank()) {
      throw FieldRejectedException.required("reason");
    }
    apply(new ExperienceStayCancelled(stayId, ward, command.reason()));
    return AggregateLifecycle.getVersion();
  }

  private void requireStatus(Status required, String what) {
    if (status != required) {
      throw new RuleBrokenException(
          ProblemText.of(
              "rule.stay.status",
              status.name(),
              required.name(),
              RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(ExperienceStayArranged event) {
    stayId = event.stayId();
    ward = event.ward();
    kind = event.kind();
    status = Status.ARRANGED;
  }

  @EventSourcingHandler
  void on(ExperienceStayStarted event) {
    status = Status.STARTED;
  }

  @EventSourcingHandler
  void on(ExperienceStayCompleted event) {
    status = Status.COMPLETED;
  }

  @EventSourcingHandler
  void on(ExperienceStayCancelled event) {
    status = Status.CANCELLED;
  }
}
