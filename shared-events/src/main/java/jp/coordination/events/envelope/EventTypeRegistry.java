package jp.coordination.events.envelope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.events.AggregateType;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.EventType;
import jp.coordination.events.capacity.CapacityActivityEvent;
import jp.coordination.events.communityissue.CommunityIssueEvent;
import jp.coordination.events.cosupport.CoSupportEvent;
import jp.coordination.events.experiencestay.ExperienceStayEvent;
import jp.coordination.events.facility.FacilityEvent;
import jp.coordination.events.household.HouseholdEvent;
import jp.coordination.events.intake.IntakeEvent;
import jp.coordination.events.plan.AnnualPlanEvent;

/**
 * Maps wire type names to event classes and back. The list of events is taken from the sealed
 * interface of each aggregate, so adding an event to a {@code permits} clause is all it takes to
 * register it.
 */
public final class EventTypeRegistry {

  /** A registered event: its class, wire name, current revision and aggregate type. */
  public record Entry(
      Class<? extends DomainEvent> eventClass,
      String type,
      int revision,
      int oldestReadable,
      String aggregateType) {}

  private static final EventTypeRegistry DEFAULT = new EventTypeRegistry();

  private final Map<String, Entry> byType = new LinkedHashMap<>();
  private final Map<Class<?>, Entry> byClass = new LinkedHashMap<>();

  private EventTypeRegistry() {
    registerFamily(HouseholdEvent.class, AggregateType.HOUSEHOLD);
    registerFamily(IntakeEvent.class, AggregateType.EMERGENCY_INTAKE);
    registerFamily(CoSupportEvent.class, AggregateType.CO_SUPPORT);
    registerFamily(FacilityEvent.class, AggregateType.FACILITY);
    registerFamily(ExperienceStayEvent.class, AggregateType.EXPERIENCE_STAY);
    registerFamily(CapacityActivityEvent.class, AggregateType.CAPACITY_ACTIVITY);
    registerFamily(CommunityIssueEvent.class, AggregateType.COMMUNITY_ISSUE);
    registerFamily(AnnualPlanEvent.class, AggregateType.ANNUAL_PLAN);
  }

  /** The registry of every event of this build. */
  public static EventTypeRegistry defaultRegistry() {
    return DEFAULT;
  }

  @SuppressWarnings("unchecked")
  private void registerFamily(Class<? extends DomainEvent> family, String aggregateType) {
    for (Class<?> permitted : family.getPermittedSubclasses()) {
      EventType annotation = permitted.getAnnotation(EventType.class);
      if (annotation == null) {
        throw new IllegalStateException(permitted.getName() + " lacks @EventType");
      }
      Entry entry =
          new Entry(
              (Class<? extends DomainEvent>) permitted,
              annotation.name(),
              annotation.revision(),
              annotation.oldestReadable(),
              aggregateType);
      if (byType.put(entry.type(), entry) != null) {
        throw new IllegalStateException("Duplicate event type name " + entry.type());
      }
      byClass.put(permitted, entry);
    }
  }

  /** The entry of an event class. */
  public Entry entryOf(Class<?> eventClass) {
    Entry entry = byClass.get(eventClass);
    if (entry == null) {
      throw new IllegalArgumentException("Not a registered event: " + eventClass.getName());
    }
    return entry;
  }

  /** The entry of a wire type name at a revision this build can read. */
  public Entry entryOf(String type, int revision) {
    Entry entry = byType.get(type);
    if (entry == null || revision > entry.revision() || revision < entry.oldestReadable()) {
      throw new UnknownEventTypeException(type, revision);
    }
    return entry;
  }

  /** Every registered event, in aggregate then declaration order. */
  public List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(byType.values()));
  }
}
