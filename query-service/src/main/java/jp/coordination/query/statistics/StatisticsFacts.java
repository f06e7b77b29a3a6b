package jp.coordination.query.statistics;

import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueEvent;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportEvent;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayEvent;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdEvent;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeEvent;
import jp.coordination.events.plan.AnnualPlanEvent;
import jp.coordination.events.plan.AnnualPlanSet;

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
    CO_SUPPORT,
    EXPERIENCE_STAY,
    CAPACITY_ACTIVITY,
    COMMUNITY_ISSUE,
    ANNUAL_PLAN
  }

  private StatisticsFacts() {}

  /**
   * The kind of facts an event belongs to, or null for events the statistics ignore (facilities).
   */
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
    if (payload instanceof ExperienceStayEvent) {
      return Kind.EXPERIENCE_STAY;
    }
    if (payload instanceof CapacityActivityEvent) {
      return Kind.CAPACITY_ACTIVITY;
    }
    if (payload instanceof CommunityIssueEvent) {
      return Kind.COMMUNITY_ISSUE;
    }
    if (payload instanceof AnnualPlanEvent) {
      return Kind.ANNUAL_PLAN;
    }
    return null;
  }

  /** The facts of any kind after the event: {@code before} must be of the kind's facts type. */
  public static Object evolve(Kind kind, Object before, EventEnvelope e) {
    return switch (kind) {
      case HOUSEHOLD -> evolve((HouseholdFacts) before, e);
      case INTAKE -> evolve((IntakeFacts) before, e);
      case CO_SUPPORT -> evolve((CoSupportFacts) before, e);
      case EXPERIENCE_STAY -> evolve((ExperienceStayFacts) before, e);
      case CAPACITY_ACTIVITY -> evolve((CapacityActivityFacts) before, e);
      case COMMUNITY_ISSUE -> evolve((CommunityIssueFacts) before, e);
      case ANNUAL_PLAN -> evolve((AnnualPlanFacts) before, e);
    };
  }

  /** The sequence the facts hold, or null for none yet. */
  public static Long sequenceOf(Object facts) {
    if (facts == null) {
      return null;
    }
    if (facts instanceof HouseholdFacts f) {
      return f.sequence();
    } else if (facts instanceof IntakeFacts f) {
      return f.sequence();
    } else if (facts instanceof CoSupportFacts f) {
      return f.sequence();
    } else if (facts instanceof ExperienceStayFacts f) {
      return f.sequence();
    } else if (facts instanceof CapacityActivityFacts f) {
      return f.sequence();
    } else if (facts instanceof CommunityIssueFacts f) {
      return f.sequence();
    } else if (facts instanceof AnnualPlanFacts f) {
      return f.sequence();
    }
    throw new IllegalArgumentException("Not statistics facts: " + facts.getClass().getName());
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
        f != null
            ? f
            : new HouseholdFacts(e.aggregateId(), -1, null, null, List.of(), null, List.of(), null);
    DomainEvent p = e.payload();
    if (p instanceof AtRiskHouseholdRegistered) {
      return new HouseholdFacts(
          c.householdId(),
          e.sequence(),
          e.occurredAt(),
          e.ward(),
          c.moves(),
          c.deregisteredAt(),
          c.contacts(),
          e.recordedAt());
    }
    if (p instanceof HouseholdMovedWard) {
      return new HouseholdFacts(
          c.householdId(),
          e.sequence(),
          c.registeredAt(),
          c.registeredWard(),
          append(c.moves(), new HouseholdFacts.WardChange(e.occurredAt(), e.ward())),
          c.deregisteredAt(),
          c.contacts(),
          c.registeredRecordedAt());
    }
    if (p instanceof HouseholdDeregistered) {
      return new HouseholdFacts(
          c.householdId(),
          e.sequence(),
          c.registeredAt(),
          c.registeredWard(),
          c.moves(),
          e.occurredAt(),
          c.contacts(),
          c.registeredRecordedAt());
    }
    if (p instanceof HouseholdContactRecorded contact) {
      return new HouseholdFacts(
          c.householdId(),
          e.sequence(),
          c.registeredAt(),
          c.registeredWard(),
          c.moves(),
          c.deregisteredAt(),
          append(
              c.contacts(),
              new HouseholdFacts.Contact(e.occurredAt(), e.ward(), contact.kind(), e.sequence())),
          c.registeredRecordedAt());
    }
    // Reassessment and erasure change no figure; only the sequence moves on.
    return new HouseholdFacts(
        c.householdId(),
        e.sequence(),
        c.registeredAt(),
        c.registeredWard(),
        c.moves(),
        c.deregisteredAt(),
        c.contacts(),
        c.registeredRecordedAt());
  }

  public static IntakeFacts evolve(IntakeFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    IntakeFacts c =
        f != null
            ? f
            : new IntakeFacts(
                e.aggregateId(),
                -1,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null);
    DomainEvent p = e.payload();
    if (p instanceof EmergencyIntakeRequested r) {
      return new IntakeFacts(
          c.intakeId(),
          e.sequence(),
          e.occurredAt(),
          e.ward(),
          r.householdId() != null ? r.householdId() : c.householdId(),
          c.placedAt(),
          c.completedAt(),
          c.completedWard(),
          c.outcome(),
          c.cancelledAt(),
          c.declines(),
          e.recordedAt());
    }
    if (p instanceof EmergencyIntakeDeclined d) {
      return new IntakeFacts(
          c.intakeId(),
          e.sequence(),
          c.requestedAt(),
          c.requestWard(),
          c.householdId(),
          c.placedAt(),
          c.completedAt(),
          c.completedWard(),
          c.outcome(),
          c.cancelledAt(),
          append(
              c.declines(),
              new IntakeFacts.Decline(e.occurredAt(), e.ward(), d.reason(), e.sequence())),
          c.requestRecordedAt());
    }
    if (p instanceof EmergencyIntakePlaced) {
      return new IntakeFacts(
          c.intakeId(),
          e.sequence(),
          c.requestedAt(),
          c.requestWard(),
          c.householdId(),
          e.occurredAt(),
          c.completedAt(),
          c.completedWard(),
          c.outcome(),
          c.cancelledAt(),
          c.declines(),
          c.requestRecordedAt());
    }
    if (p instanceof EmergencyIntakeCompleted done) {
      return new IntakeFacts(
          c.intakeId(),
          e.sequence(),
          c.requestedAt(),
          c.requestWard(),
          c.householdId() != null ? c.householdId() : done.householdId(),
          c.placedAt(),
          e.occurredAt(),
          e.ward(),
          done.outcome(),
          c.cancelledAt(),
          c.declines(),
          c.requestRecordedAt());
    }
    if (p instanceof EmergencyIntakeCancelled) {
      return new IntakeFacts(
          c.intakeId(),
          e.sequence(),
          c.requestedAt(),
          c.requestWard(),
          c.householdId(),
          c.placedAt(),
          c.completedAt(),
          c.completedWard(),
          c.outcome(),
          e.occurredAt(),
          c.declines(),
          c.requestRecordedAt());
    }
    return new IntakeFacts(
        c.intakeId(),
        e.sequence(),
        c.requestedAt(),
        c.requestWard(),
        c.householdId(),
        c.placedAt(),
        c.completedAt(),
        c.completedWard(),
        c.outcome(),
        c.cancelledAt(),
        c.declines(),
        c.requestRecordedAt());
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
          c.caseId(),
          e.sequence(),
          e.occurredAt(),
          e.ward(),
          c.closedAt(),
          c.closedWard(),
          c.activities());
    }
    if (p instanceof CoSupportActivityRecorded a) {
      return new CoSupportFacts(
          c.caseId(),
          e.sequence(),
          c.openedAt(),
          c.openedWard(),
          c.closedAt(),
          c.closedWard(),
          append(
              c.activities(),
              new CoSupportFacts.Activity(
                  e.occurredAt(), e.ward(), a.activityType(), e.sequence())));
    }
    if (p instanceof CoSupportClosed) {
      return new CoSupportFacts(
          c.caseId(),
          e.sequence(),
          c.openedAt(),
          c.openedWard(),
          e.occurredAt(),
          e.ward(),
          c.activities());
    }
    return new CoSupportFacts(
        c.caseId(),
        e.sequence(),
        c.openedAt(),
        c.openedWard(),
        c.closedAt(),
        c.closedWard(),
        c.activities());
  }

  public static ExperienceStayFacts evolve(ExperienceStayFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    ExperienceStayFacts c =
        f != null
            ? f
            : new ExperienceStayFacts(e.aggregateId(), -1, null, null, null, null, null, 0, null);
    DomainEvent p = e.payload();
    if (p instanceof ExperienceStayArranged) {
      return new ExperienceStayFacts(
          c.stayId(),
          e.sequence(),
          e.occurredAt(),
          e.ward(),
          c.completedAt(),
          c.completedWard(),
          c.kind(),
          c.nightsStayed(),
          c.outcome());
    }
    if (p instanceof ExperienceStayCompleted done) {
      return new ExperienceStayFacts(
          c.stayId(),
          e.sequence(),
          c.arrangedAt(),
          c.arrangedWard(),
          e.occurredAt(),
          e.ward(),
          done.kind(),
          done.nightsStayed(),
          done.outcome());
    }
    // The start and a cancellation change no figure.
    return new ExperienceStayFacts(
        c.stayId(),
        e.sequence(),
        c.arrangedAt(),
        c.arrangedWard(),
        c.completedAt(),
        c.completedWard(),
        c.kind(),
        c.nightsStayed(),
        c.outcome());
  }

  public static CapacityActivityFacts evolve(CapacityActivityFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    CapacityActivityFacts c =
        f != null
            ? f
            : new CapacityActivityFacts(
                e.aggregateId(), -1, null, List.of(), null, null, false, null, null);
    DomainEvent p = e.payload();
    if (p instanceof CapacityActivityRecorded r) {
      return new CapacityActivityFacts(
          c.activityId(),
          e.sequence(),
          r.kind(),
          r.wards(),
          r.heldAt(),
          r.participants(),
          false,
          e.type(),
          e.occurredAt());
    }
    if (p instanceof CapacityActivityCorrected r) {
      return new CapacityActivityFacts(
          c.activityId(),
          e.sequence(),
          r.kind(),
          r.wards(),
          r.heldAt(),
          r.participants(),
          false,
          e.type(),
          e.occurredAt());
    }
    if (p instanceof CapacityActivityWithdrawn) {
      return new CapacityActivityFacts(
          c.activityId(),
          e.sequence(),
          c.kind(),
          c.wards(),
          c.heldAt(),
          c.participants(),
          true,
          c.recordEvent(),
          c.recordEventAt());
    }
    return new CapacityActivityFacts(
        c.activityId(),
        e.sequence(),
        c.kind(),
        c.wards(),
        c.heldAt(),
        c.participants(),
        c.withdrawn(),
        c.recordEvent(),
        c.recordEventAt());
  }

  public static CommunityIssueFacts evolve(CommunityIssueFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    CommunityIssueFacts c =
        f != null ? f : new CommunityIssueFacts(e.aggregateId(), -1, null, null, null, null, null);
    DomainEvent p = e.payload();
    if (p instanceof CommunityIssueRaised r) {
      return new CommunityIssueFacts(
          c.issueId(),
          e.sequence(),
          r.ward(),
          r.category(),
          e.occurredAt(),
          c.proposedAt(),
          c.closedAt());
    }
    if (p instanceof CommunityIssueProposed) {
      return new CommunityIssueFacts(
          c.issueId(),
          e.sequence(),
          c.ward(),
          c.category(),
          c.raisedAt(),
          e.occurredAt(),
          c.closedAt());
    }
    if (p instanceof CommunityIssueClosed) {
      return new CommunityIssueFacts(
          c.issueId(),
          e.sequence(),
          c.ward(),
          c.category(),
          c.raisedAt(),
          c.proposedAt(),
          e.occurredAt());
    }
    // A discussion changes no figure.
    return new CommunityIssueFacts(
        c.issueId(),
        e.sequence(),
        c.ward(),
        c.category(),
        c.raisedAt(),
        c.proposedAt(),
        c.closedAt());
  }

  public static AnnualPlanFacts evolve(AnnualPlanFacts f, EventEnvelope e) {
    if (f != null && seen(f.sequence(), e)) {
      return f;
    }
    AnnualPlanSet set = (AnnualPlanSet) e.payload();
    return new AnnualPlanFacts(
        set.planId(),
        e.sequence(),
        set.region(),
        set.fiscalYear(),
        set.targets().stream()
            .map(t -> new AnnualPlanFacts.Target(t.ward(), t.figure(), t.target().toPlainString()))
            .toList());
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> next = new ArrayList<>(list.size() + 1);
    next.addAll(list);
    next.add(item);
    return next;
  }
}
