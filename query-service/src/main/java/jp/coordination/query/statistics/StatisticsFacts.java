package jp.coordination.query.statistics;

import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportEvent;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdEvent;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeEvent;

/**
 * The pure functions from one aggregate's facts and its next event to its next facts. Each only
 * looks at its own aggregate's events, so the facts do not depend on how the topic's partitions
 * interleave; an event at or below the facts' sequence (a re-published copy) changes nothing.
 */
public final class StatisticsFacts {

  /** The aggregates the statistics keep facts of. */
  public enum Kind {
    HOUSEHOLD,
    INTAKE,
    CO_SUPPORT
  }

  private StatisticsFacts() {}

  /** The kind of facts an event belongs to, or null for events the statistics ignore (facilities). */
  public static Kind kindOf(DomainEvent payload) {
    if (payload instanceof HouseholdEvent) {
      return Kind.HOUSEHOLD;
    }
    if (payload instanceof IntakeEvent) {
      return Kind.INTAKE;
    }
    if (payload instanceof CoSupportEvent) {
      return Kind.CO_SUPPORT;
    }
    return null;
  }

  /** Whether facts at {@code sequence} (null: none yet) already contain this event. */
  private static boolean seen(Long sequence, EventEnvelope e) {
    return sequence != null && e.sequence() <= sequence;
  }

  public static HouseholdFacts evolve(HouseholdFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    HouseholdFacts c =
        f != null ? f : new HouseholdFacts(e.aggregateId(), -1, null, null, List.of(), null);
    DomainEvent p = e.payload();
    if (p instanceof AtRiskHouseholdRegistered) {
      return new HouseholdFacts(
          c.householdId(), e.sequence(), e.occurredAt(), e.ward(), c.moves(), c.deregisteredAt());
    }
    if (p instanceof HouseholdMovedWard) {
      return new HouseholdFacts(
          c.householdId(), e.sequence(), c.registeredAt(), c.registeredWard(),
          append(c.moves(), new HouseholdFacts.WardChange(e.occurredAt(), e.ward())),
          c.deregisteredAt());
    }
    if (p instanceof HouseholdDeregistered) {
      return new HouseholdFacts(
          c.householdId(), e.sequence(), c.registeredAt(), c.registeredWard(), c.moves(),
          e.occurredAt());
    }
    // Reassessment and erasure change no figure; only the sequence moves on.
    return new HouseholdFacts(
        c.householdId(), e.sequence(), c.registeredAt(), c.registeredWard(), c.moves(),
        c.deregisteredAt());
  }

  public static IntakeFacts evolve(IntakeFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    IntakeFacts c =
        f != null
            ? f
            : new IntakeFacts(e.aggregateId(), -1, null, null, null, null, null, null, null, null,
                List.of());
    DomainEvent p = e.payload();
    if (p instanceof EmergencyIntakeRequested r) {
      return new IntakeFacts(
          c.intakeId(), e.sequence(), e.occurredAt(), e.ward(),
          r.householdId() != null ? r.householdId() : c.householdId(), c.placedAt(),
          c.completedAt(), c.completedWard(), c.outcome(), c.cancelledAt(), c.declines());
    }
    if (p instanceof EmergencyIntakeDeclined d) {
      return new IntakeFacts(
          c.intakeId(), e.sequence(), c.requestedAt(), c.requestWard(), c.householdId(),
          c.placedAt(), c.completedAt(), c.completedWard(), c.outcome(), c.cancelledAt(),
          append(c.declines(), new IntakeFacts.Decline(e.occurredAt(), e.ward(), d.reason())));
    }
    if (p instanceof EmergencyIntakePlaced) {
      return new IntakeFacts(
          c.intakeId(), e.sequence(), c.requestedAt(), c.requestWard(), c.householdId(),
          e.occurredAt(), c.completedAt(), c.completedWard(), c.outcome(), c.cancelledAt(),
          c.declines());
    }
    if (p instanceof EmergencyIntakeCompleted done) {
      return new IntakeFacts(
          c.intakeId(), e.sequence(), c.requestedAt(), c.requestWard(),
          c.householdId() != null ? c.householdId() : done.householdId(), c.placedAt(),
          e.occurredAt(), e.ward(), done.outcome(), c.cancelledAt(), c.declines());
    }
    if (p instanceof EmergencyIntakeCancelled) {
      return new IntakeFacts(
          c.intakeId(), e.sequence(), c.requestedAt(), c.requestWard(), c.householdId(),
          c.placedAt(), c.completedAt(), c.completedWard(), c.outcome(), e.occurredAt(),
          c.declines());
    }
    return new IntakeFacts(
        c.intakeId(), e.sequence(), c.requestedAt(), c.requestWard(), c.householdId(),
        c.placedAt(), c.completedAt(), c.completedWard(), c.outcome(), c.cancelledAt(),
        c.declines());
  }

  public static CoSupportFacts evolve(CoSupportFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    CoSupportFacts c =
        f != null ? f : new CoSupportFacts(e.aggregateId(), -1, null, null, null, null, List.of());
    DomainEvent p = e.payload();
    if (p instanceof CoSupportOpened) {
      return new CoSupportFacts(
          c.caseId(), e.sequence(), e.occurredAt(), e.ward(), c.closedAt(), c.closedWard(),
          c.activities());
    }
    if (p instanceof CoSupportActivityRecorded a) {
      return new CoSupportFacts(
          c.caseId(), e.sequence(), c.openedAt(), c.openedWard(), c.closedAt(), c.closedWard(),
          append(c.activities(), new CoSupportFacts.Activity(e.occurredAt(), e.ward(), a.activityType())));
    }
    if (p instanceof CoSupportClosed) {
      return new CoSupportFacts(
          c.caseId(), e.sequence(), c.openedAt(), c.openedWard(), e.occurredAt(), e.ward(),
          c.activities());
    }
    return new CoSupportFacts(
        c.caseId(), e.sequence(), c.openedAt(), c.openedWard(), c.closedAt(), c.closedWard(),
        c.activities());
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> next = new ArrayList<>(list.size() + 1);
    next.addAll(list);
    next.add(item);
    return next;
  }
}
