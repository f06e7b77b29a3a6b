package jp.coordination.query.consumer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Sends each operation to the store of the generation the calling thread works on ({@link
 * Generations#current}): one store per generation, each with its own collections and its own cache
 * of documents read for update, so that a rebuild neither reads nor evicts what the live consumer
 * keeps in memory.
 *
 * <p>What is done after a commit ({@link #afterCommit}: telling the live stream a ward changed) is
 * dropped for a thread that writes a generation nobody reads yet: listeners read the active
 * generation, and a rebuild's writes are news to none of them.
 */
public final class GenerationalProjectionStore implements ProjectionStore {

  private final Generations generations;
  private final LongFunction<ProjectionStore> open;
  private final Map<Long, ProjectionStore> stores = new ConcurrentHashMap<>();

  /**
   * @param open the store of one generation, created when a thread first works on it
   */
  public GenerationalProjectionStore(Generations generations, LongFunction<ProjectionStore> open) {
    this.generations = generations;
    this.open = open;
    // A generation switched away from is not read any more: let its cache go.
    generations.onSwitch(active -> stores.keySet().removeIf(g -> g < active));
    generations.onDrop(stores::remove);
  }

  private ProjectionStore store() {
    return stores.computeIfAbsent(generations.current(), open::apply);
  }

  @Override
  public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
    return store().read(kind, id);
  }

  @Override
  public <S> Optional<Versioned<S>> readForUpdate(DocumentKind<S> kind, String id) {
    return store().readForUpdate(kind, id);
  }

  @Override
  public <S> void forgetForUpdate(DocumentKind<S> kind, String id) {
    store().forgetForUpdate(kind, id);
  }

  @Override
  public <S> boolean replace(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    return store().replace(kind, id, expectedVersion, next);
  }

  @Override
  public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
    return store().recordDelivery(eventId, delivery);
  }

  @Override
  public List<LedgerOutcome> recordDeliveries(List<Delivered> deliveries) {
    return store().recordDeliveries(deliveries);
  }

  @Override
  public boolean replaceAll(List<Replacement<?>> writes) {
    return store().replaceAll(writes);
  }

  @Override
  public void afterCommit(Runnable action) {
    if (!generations.boundElsewhere()) {
      store().afterCommit(action);
    }
  }

  @Override
  public Batch openBatch() {
    return store().openBatch();
  }
}
