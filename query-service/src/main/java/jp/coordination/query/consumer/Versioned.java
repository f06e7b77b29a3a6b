package jp.coordination.query.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A projection state as stored: the state itself, the last applied offset per partition and an
 * optimistic version for conditional replacement.
 *
 * @param state the projection's state (an immutable record)
 * @param pos last applied offset per partition (key: partition number as text)
 * @param v version, incremented on every write; the write succeeds only if it still holds the old
 *     one
 */
public record Versioned<S>(S state, Map<String, Long> pos, long v) {

  public Versioned {
    Objects.requireNonNull(state, "state");
    pos = Map.copyOf(pos);
  }

  /** Whether this document already contains the effect of that delivery. */
  public boolean hasApplied(Delivery delivery) {
    Long last = pos.get(delivery.partitionKey());
    return last != null && last >= delivery.offset();
  }

  /** The next version: new state, this delivery's offset remembered, version plus one. */
  public Versioned<S> next(S nextState, Delivery delivery) {
    return first(nextState, delivery, pos, v + 1);
  }

  /** The first version of a new document. */
  public static <S> Versioned<S> first(S state, Delivery delivery) {
    return first(state, delivery, Map.of(), 1);
  }

  private static <S> Versioned<S> first(
      S state, Delivery delivery, Map<String, Long> pos, long version) {
    HashMap<String, Long> nextPos = new HashMap<>(pos);
    nextPos.put(delivery.partitionKey(), delivery.offset());
    return new Versioned<>(state, nextPos, version);
  }
}
