package jp.coordination.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of an event's schema evolution: turns the payload of one revision of one event type into
 * the payload of the next revision. Steps work on the JSON tree, not on classes, because only the
 * current revision has a class; {@link Upcasters} chains them so that any readable revision reaches
 * the current one.
 *
 * <p>A step must be pure (the same payload always gives the same result, so replays stay
 * byte-identical) and must not guess: a value the old revision did not record stays unknown.
 */
public interface Upcaster {

  /** The event type's wire name, e.g. {@code EmergencyIntakePlaced}. */
  String type();

  /** The revision this step reads; it writes {@code fromRevision() + 1}. */
  int fromRevision();

  /** The payload at the next revision; the argument is the caller's own copy and may be reused. */
  ObjectNode upcast(ObjectNode payload);
}
