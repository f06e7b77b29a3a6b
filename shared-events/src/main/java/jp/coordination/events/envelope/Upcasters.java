package jp.coordination.events.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.events.intake.EmergencyIntakePlacedRevision1;

/**
 * The chain of upcasters of this build: every revision an event type still reads ({@code
 * oldestReadable} up to the one before {@code revision}) has exactly one step to the next, checked
 * when the chain is made, so a missing step fails the build's tests rather than a consumer at
 * night. The codec applies the chain to every envelope it reads, so the live consumer, the replay
 * and the audit view see one shape.
 *
 * <p>Written here rather than with Axon's upcasters because the contract is the codec's JSON, read
 * by the query-service and the replay without Axon's serializer (docs/ARCHITECTURE.md).
 */
public final class Upcasters {

  private final Map<String, Map<Integer, Upcaster>> steps = new HashMap<>();

  private Upcasters(EventTypeRegistry registry, List<Upcaster> upcasters) {
    for (Upcaster step : upcasters) {
      if (steps.computeIfAbsent(step.type(), t -> new HashMap<>()).put(step.fromRevision(), step)
          != null) {
        throw new IllegalStateException(
            "Two upcasters read " + step.type() + " revision " + step.fromRevision());
      }
    }
    for (EventTypeRegistry.Entry entry : registry.entries()) {
      Map<Integer, Upcaster> ofType = steps.getOrDefault(entry.type(), Map.of());
      for (int revision = entry.oldestReadable(); revision < entry.revision(); revision++) {
        if (!ofType.containsKey(revision)) {
          throw new IllegalStateException(
              entry.type()
                  + " revision "
                  + revision
                  + " is readable but has no upcaster to revision "
                  + (revision + 1));
        }
      }
      for (int from : ofType.keySet()) {
        if (from < entry.oldestReadable() || from >= entry.revision()) {
          throw new IllegalStateException(
              "An upcaster reads "
                  + entry.type()
                  + " revision "
                  + from
                  + ", which this build does not read");
        }
      }
    }
    for (String type : steps.keySet()) {
      if (registry.entries().stream().noneMatch(entry -> entry.type().equals(type))) {
        throw new IllegalStateException(
            "An upcaster reads " + type + ", which is no registered event");
      }
    }
  }

  /** A chain of the given steps, checked against a registry. */
  public static Upcasters of(EventTypeRegistry registry, List<Upcaster> upcasters) {
    return new Upcasters(registry, upcasters);
  }

  /** The chain of this build, for its registry. */
  public static Upcasters defaultChain(EventTypeRegistry registry) {
    return of(registry, List.of(new EmergencyIntakePlacedRevision1()));
  }

  /**
   * The payload of {@code type} read at {@code revision}, brought to {@code current} one step at a
   * time. The argument is not changed.
   */
  public ObjectNode upcast(String type, int revision, int current, ObjectNode payload) {
    ObjectNode upcast = payload.deepCopy();
    for (int from = revision; from < current; from++) {
      Upcaster step = steps.getOrDefault(type, Map.of()).get(from);
      if (step == null) {
        throw new UnknownEventTypeException(type, revision);
      }
      upcast = step.upcast(upcast);
    }
    return upcast;
  }
}
