package jp.coordination.query.consumer;

import java.util.ArrayList;
import java.util.List;
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
   * memory: the answer may be stale, but then the conditional {@link #replace} fails and the caller
   * reads again, which must then reach the database. Only for read-modify-write loops; a query must
   * use {@link #read}.
   */
  default <S> Optional<Versioned<S>> readForUpdate(DocumentKind<S> kind, String id) {
    return read(kind, id);
  }

  /**
   * Drops what {@link #readForUpdate} may answer from memory for this document, so that the next
   * one reads the database. For a caller about to act on that answer without a conditional write
   * that would expose it as stale: an answer from memory may be older than the database, never
   * newer, so "not there yet" must be confirmed, "already there" need not.
   */
  default <S> void forgetForUpdate(DocumentKind<S> kind, String id) {}

  /**
   * Writes {@code next} only if the document still has version {@code expectedVersion} (0: the
   * document must not exist yet).
   *
   * @return false when another writer got there first; the caller re-reads and retries
   */
  <S> boolean replace(DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next);

  /**
   * Records that an event was delivered at this position; the answer decides whether to apply it.
   */
  LedgerOutcome recordDelivery(String eventId, Delivery delivery);

  /** {@link #recordDelivery} for each of a batch, in order; a store may do it in one round trip. */
  default List<LedgerOutcome> recordDeliveries(List<Delivered> deliveries) {
    List<LedgerOutcome> outcomes = new ArrayList<>(deliveries.size());
    for (Delivered delivered : deliveries) {
      outcomes.add(recordDelivery(delivered.eventId(), delivered.delivery()));
    }
    return outcomes;
  }

  /**
   * Each {@link #replace} in order, stopping at the first lost race. A store may send the writes of
   * one collection together, but never a later collection's before an earlier one's.
   *
   * @return false when another writer got to one of the documents first; writes before it (and
   *     perhaps others of its collection) are done, none of a later collection
   */
  default boolean replaceAll(List<Replacement<?>> writes) {
    for (Replacement<?> write : writes) {
      if (!write.applyTo(this)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code action} once what was written so far is in the database: at once for a store that
   * writes at once, after the commit for an open {@link Batch}.
   */
  default void afterCommit(Runnable action) {
    action.run();
  }

  /**
   * Opens a batch of writes on this thread: until it is committed, updates of this thread may be
   * held in memory. A store that writes at once returns a batch that does nothing.
   */
  default Batch openBatch() {
    return Batch.WRITE_THROUGH;
  }

  /** An event id and where it was delivered from, for {@link #recordDeliveries}. */
  record Delivered(String eventId, Delivery delivery) {}

  /** One conditional write, as {@link #replace} takes it. */
  record Replacement<S>(DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    boolean applyTo(ProjectionStore store) {
      return store.replace(kind, id, expectedVersion, next);
    }
  }

  /**
   * The writes of one thread held back until {@link #commit}; see {@link BatchingProjectionStore}.
   */
  interface Batch extends AutoCloseable {

    /** For stores that write at once: nothing is held back, so there is nothing to commit. */
    Batch WRITE_THROUGH =
        new Batch() {
          @Override
          public boolean commit() {
            return true;
          }

          @Override
          public void close() {}
        };

    /**
     * Writes what the batch holds, then runs the actions registered with {@link #afterCommit}.
     *
     * @return false when another writer changed one of the documents since this batch read it: part
     *     of the batch may be written, and the caller applies its records again one at a time (the
     *     position guards skip what was written)
     */
    boolean commit();

    /** Ends the batch on this thread; what was not committed is dropped. */
    @Override
    void close();
  }
}
