package jp.coordination.query.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds one poll's projection writes in memory and writes each changed document once, at the end.
 *
 * <p>Why: every event touches its view, one or two ward dashboards, a statistics fact and index;
 * written one event at a time that was about five store operations per event, and under load the
 * consumer fell behind the commands (about 20 events/s applied against 290 commands/s stored, on
 * two cores shared with the stand-in). In a batch, the dozen ward dashboards are written once per
 * poll however many events touched them, a view once however many of its aggregate's events came.
 *
 * <p>Why this is as safe as writing at once, without transactions: inside a batch, {@link
 * #readForUpdate} and {@link #replace} of the batch's thread work on the held documents, each write
 * moving the version by one and remembering its delivery's offset, exactly as if it had been
 * written. {@link Batch#commit} then writes every changed document conditionally on the version it
 * had when the batch first read it, all other documents before the views, because a view that holds
 * an offset is the mark that its event is completely applied (see {@link
 * jp.coordination.query.views.ViewProjector}). A crash half-way through the commit leaves documents
 * that hold their offsets and views that do not; the re-delivery applies those events again and the
 * per-document guards skip what was written. A lost race (another instance wrote a document during
 * a rebalance) fails the commit, and the caller applies the records again one at a time, written at
 * once.
 *
 * <p>Queries ({@link #read}) and other threads always go to the delegate: what a batch holds is not
 * visible until it is committed, and listeners hear of it only then ({@link #afterCommit}).
 */
public final class BatchingProjectionStore implements ProjectionStore {

  private final ProjectionStore delegate;
  private final Set<String> writtenLast;
  private final ThreadLocal<OpenBatch> open = new ThreadLocal<>();

  /**
   * @param writtenLast the kinds whose documents mark an event as completely applied; a commit
   *     writes them after all others
   */
  public BatchingProjectionStore(
      ProjectionStore delegate, Collection<? extends DocumentKind<?>> writtenLast) {
    this.delegate = delegate;
    this.writtenLast =
        writtenLast.stream().map(DocumentKind::collection).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
    return delegate.read(kind, id);
  }

  @Override
  public <S> Optional<Versioned<S>> readForUpdate(DocumentKind<S> kind, String id) {
    OpenBatch batch = open.get();
    return batch == null ? delegate.readForUpdate(kind, id) : batch.held(kind, id).current();
  }

  /**
   * Also drops the batch's copy if the batch has not changed it, so that the next read for update
   * reads the database. One the batch changed stays: if its base was stale, the commit fails and
   * the records are applied again one at a time.
   */
  @Override
  public <S> void forgetForUpdate(DocumentKind<S> kind, String id) {
    delegate.forgetForUpdate(kind, id);
    OpenBatch batch = open.get();
    if (batch != null) {
      batch.forgetUnchanged(kind, id);
    }
  }

  @Override
  public <S> boolean replace(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    OpenBatch batch = open.get();
    if (batch == null) {
      return delegate.replace(kind, id, expectedVersion, next);
    }
    Held<S> held = batch.held(kind, id);
    if (held.current().map(Versioned::v).orElse(0L) != expectedVersion) {
      return false;
    }
    held.update(next);
    return true;
  }

  @Override
  public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
    return delegate.recordDelivery(eventId, delivery);
  }

  @Override
  public List<LedgerOutcome> recordDeliveries(List<Delivered> deliveries) {
    return delegate.recordDeliveries(deliveries);
  }

  @Override
  public boolean replaceAll(List<Replacement<?>> writes) {
    return delegate.replaceAll(writes);
  }

  @Override
  public void afterCommit(Runnable action) {
    OpenBatch batch = open.get();
    if (batch == null) {
      delegate.afterCommit(action);
    } else {
      batch.actions.add(action);
    }
  }

  @Override
  public Batch openBatch() {
    if (open.get() != null) {
      throw new IllegalStateException("A batch is already open on this thread");
    }
    OpenBatch batch = new OpenBatch();
    open.set(batch);
    return batch;
  }

  private record Key(String collection, String id) {}

  /** A document as the batch sees it: the version it was read at, and its state now. */
  private static final class Held<S> {
    final DocumentKind<S> kind;
    final String id;
    final long readVersion;
    Optional<Versioned<S>> current;
    boolean changed;

    Held(DocumentKind<S> kind, String id, Optional<Versioned<S>> stored) {
      this.kind = kind;
      this.id = id;
      this.readVersion = stored.map(Versioned::v).orElse(0L);
      this.current = stored;
    }

    Optional<Versioned<S>> current() {
      return current;
    }

    void update(Versioned<S> next) {
      current = Optional.of(next);
      changed = true;
    }

    Replacement<S> replacement() {
      return new Replacement<>(kind, id, readVersion, current.orElseThrow());
    }
  }

  private final class OpenBatch implements Batch {
    // In the order first read, which keeps a projection's own order among its collections (the
    // statistics index before the facts it lists).
    private final Map<Key, Held<?>> held = new LinkedHashMap<>();
    private final List<Runnable> actions = new ArrayList<>();

    @SuppressWarnings("unchecked")
    <S> Held<S> held(DocumentKind<S> kind, String id) {
      Key key = new Key(kind.collection(), id);
      Held<S> document = (Held<S>) held.get(key);
      if (document == null) {
        document = new Held<>(kind, id, delegate.readForUpdate(kind, id));
        held.put(key, document);
      }
      return document;
    }

    void forgetUnchanged(DocumentKind<?> kind, String id) {
      Key key = new Key(kind.collection(), id);
      Held<?> document = held.get(key);
      if (document != null && !document.changed) {
        held.remove(key);
      }
    }

    @Override
    public boolean commit() {
      Map<String, List<Replacement<?>>> byCollection = new LinkedHashMap<>();
      Map<String, List<Replacement<?>>> last = new LinkedHashMap<>();
      for (Held<?> document : held.values()) {
        if (document.changed) {
          String collection = document.kind.collection();
          (writtenLast.contains(collection) ? last : byCollection)
              .computeIfAbsent(collection, c -> new ArrayList<>())
              .add(document.replacement());
        }
      }
      byCollection.putAll(last);
      List<Replacement<?>> writes = new ArrayList<>();
      byCollection.values().forEach(writes::addAll);
      held.clear();
      try {
        return writes.isEmpty() || delegate.replaceAll(writes);
      } finally {
        // Also after a lost race or a failure: what did get written is news, and a listener
        // reads the database, never the batch.
        List<Runnable> toRun = List.copyOf(actions);
        actions.clear();
        toRun.forEach(delegate::afterCommit);
      }
    }

    @Override
    public void close() {
      held.clear();
      actions.clear();
      open.remove();
    }
  }
}
