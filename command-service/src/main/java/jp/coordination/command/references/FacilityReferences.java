package jp.coordination.command.references;

import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.ConflictException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.stereotype.Component;

/**
 * A facility named by another feature's command (an intake's placement, an experience stay) must be
 * registered. Facilities are the region's shared resource, not any ward's, so every user may learn
 * whether one is: an unregistered one is a broken rule of DOMAIN.md ({@code 409} naming the field).
 */
@Component
public class FacilityReferences {
  private final EventStreams streams;

  public FacilityReferences(EventStreams streams) {
    this.streams = streams;
  }

  /** Throws unless {@code facilityId} is a registered facility; a {@code null} id passes. */
  public void requireRegistered(String field, String facilityId) {
    if (facilityId == null) {
      return;
    }
    boolean registered =
        streams.aggregateTypeOf(facilityId).filter(AggregateType.FACILITY::equals).isPresent();
    if (!registered) {
      throw new ConflictException(ProblemText.of("conflict.unregistered-facility", field), field);
    }
  }
}
