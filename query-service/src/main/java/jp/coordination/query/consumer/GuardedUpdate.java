package jp.coordination.query.consumer;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Applies one delivery to one document exactly once: read by id, skip if the document already holds
 * this partition's offset, apply the pure function, replace conditionally on the version, and on a
 * lost race re-read and try again.
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
      backOff(attempt);
    }
    throw new ContendedDocumentException(kind.collection(), id, MAX_ATTEMPTS);
  }

  /**
   * After a second lost race, a random pause (up to 2^attempt ms, at most 50 ms): two instances
   * that retry in step would otherwise keep taking the document from each other.
   */
  public static void backOff(int attempt) {
    if (attempt < 1) {
      return;
    }
    long bound = Math.min(1L << attempt, 50L);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContendedDocumentException("(interrupted)", "", attempt + 1);
    }
  }
}
