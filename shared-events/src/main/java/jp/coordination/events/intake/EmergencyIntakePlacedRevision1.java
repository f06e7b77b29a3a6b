package jp.coordination.events.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.coordination.events.envelope.Upcaster;

/**
 * Reads {@code EmergencyIntakePlaced} revision 1 as revision 2: the expected last day was not asked
 * for then, so it is unknown ({@code null}), exactly as when a coordinator leaves it out today. No
 * value is guessed from other events.
 */
public final class EmergencyIntakePlacedRevision1 implements Upcaster {

  @Override
  public String type() {
    return "EmergencyIntakePlaced";
  }

  @Override
  public int fromRevision() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode payload) {
    ObjectNode next = payload.objectNode();
    next.set("intakeId", payload.get("intakeId"));
    next.set("ward", payload.get("ward"));
    next.set("facilityId", payload.get("facilityId"));
    next.putNull("expectedLastDay");
    return next;
  }
}
