package jp.coordination.query.views;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityAvailabilityDeclared;
import jp.coordination.events.facility.FacilityEvent;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.events.facility.FacilityRegistered;

/**
 * A facility now. Its free emergency beds are all its emergency beds until it first declares
 * availability, then the number it declared last.
 */
public record FacilityView(
    String id,
    String name,
    String ward,
    FacilityKind kind,
    List<Capability> capabilities,
    int emergencyBeds,
    int availableBeds,
    Instant availabilityDeclaredAt,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  public FacilityView {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }

  /** The facility after the event; {@code state} is null before the first event. */
  public static FacilityView evolve(FacilityView state, EventEnvelope envelope) {
    FacilityEvent event = (FacilityEvent) envelope.payload();
    FacilityView s =
        state != null
            ? state
            : new FacilityView(
                event.facilityId(), null, event.ward(), null, List.of(), 0, 0, null, -1, null);
    FacilityView next;
    if (event instanceof FacilityRegistered e) {
      next =
          new FacilityView(
              e.facilityId(),
              e.name(),
              e.ward(),
              e.kind(),
              e.capabilities(),
              e.emergencyBeds(),
              // A re-registration must not forget a declaration already made.
              s.availabilityDeclaredAt != null ? s.availableBeds : e.emergencyBeds(),
              s.availabilityDeclaredAt,
              0,
              null);
    } else if (event instanceof FacilityAvailabilityDeclared e) {
      next =
          new FacilityView(
              s.id,
              s.name,
              s.ward,
              s.kind,
              s.capabilities,
              s.emergencyBeds,
              e.availableBeds(),
              envelope.occurredAt(),
              0,
              null);
    } else {
      throw new IllegalArgumentException("Unhandled facility event " + envelope.type());
    }
    return new FacilityView(
        next.id,
        next.name,
        next.ward,
        next.kind,
        next.capabilities,
        next.emergencyBeds,
        next.availableBeds,
        next.availabilityDeclaredAt,
        envelope.sequence(),
        envelope.recordedAt());
  }
}
