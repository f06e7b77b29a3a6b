package jp.coordination.query.consumer;

import java.util.Optional;
import java.util.function.Function;

/**
 * Applies one delivery to one document exactly once: read by id, skip if the document already
 * holds this partition's offset, apply the pure function, replace conditionally on the version,
 * and on a lost race re-read and try again.
 */
public final class GuardedUpdate {

  /** Races are short (two instances during a rebalance); more attempts than this is a bug. */
  static final int MAX_ATTEMPTS = 20;

  private GuardedUpdate() {}

  /**
   * @param evolve from the current state (empty when the document does not exist) to the next
   * @return true if this call wrote the document, false if the delivery was already applied
   */
  public static <S> boolean apply(
      ProjectionStore store,
      DocumentKind<S> kind,
      String id,
      Delivery delivery,
      Function<Optional<S>, S> evolve) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<S>> current = store.readForUpdate(kind, id);
      if (current.isPresent() && current.get().hasApplied(delivery)) {
        return false;
      }
      S next = evolve.apply(current.map(Versioned::state));
      Versioned<S> written =
          current.map(c -> c.next(next, delivery)).orElseGet(() -> Versioned.first(next, delivery));
      long expected = current.map(Versioned::v).orElse(0L);
      if (store.replace(kind, id, expected, written)) {
        return true;
      }
    }
    throw new IllegalStateException(
        "Gave up updating " + kind.collection() + "/" + id + " after " + MAX_ATTEMPTS + " conflicts");
  }
}
