package jp.coordination.query.consumer;

import java.util.Optional;

/**
 * The few operations projections need, all by id and none transactional, so the same projection
 * code runs on MongoDB (or its stand-in, which is fast only by {@code _id}) and in memory for a
 * replay or a test.
 */
public interface ProjectionStore {

  /** The stored state of a document, if any, as the database holds it now. */
  <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id);

  /**
   * The state of a document about to be updated with {@link #replace}. A store may answer from
   * memory: the answer may be stale, but then the conditional {@link #replace} fails and the
   * caller reads again, which must then reach the database. Only for read-modify-write loops; a
   * query must use {@link #read}.
   */
  default <S> Optional<Versioned<S>> readForUpdate(DocumentKind<S> kind, String id) {
    return read(kind, id);
  }

  /**
   * Writes {@code next} only if the document still has version {@code expectedVersion} (0: the
   * document must not exist yet).
   *
   * @return false when another writer got there first; the caller re-reads and retries
   */
  <S> boolean replace(DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next);

  /** Records that an event was delivered at this position; the answer decides whether to apply it. */
  LedgerOutcome recordDelivery(String eventId, Delivery delivery);
}
