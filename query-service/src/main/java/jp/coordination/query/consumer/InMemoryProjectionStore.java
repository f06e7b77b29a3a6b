package jp.coordination.query.consumer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projection store in memory: for replays that rebuild read models from the log alone, and for
 * tests of the guard logic. Same contract as the MongoDB store, including conditional writes.
 */
public final class InMemoryProjectionStore implements ProjectionStore {

  private final Map<String, Map<String, Versioned<?>>> collections = new ConcurrentHashMap<>();
  private final Map<String, Delivery> ledger = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
    return Optional.ofNullable((Versioned<S>) table(kind).get(id));
  }

  @Override
  public <S> boolean replace(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    Map<String, Versioned<?>> table = table(kind);
    if (expectedVersion == 0) {
      return table.putIfAbsent(id, next) == null;
    }
    boolean[] written = {false};
    table.computeIfPresent(
        id,
        (key, old) -> {
          if (old.v() != expectedVersion) {
            return old;
          }
          written[0] = true;
          return next;
        });
    return written[0];
  }

  @Override
  public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
    Delivery earlier = ledger.putIfAbsent(eventId, delivery);
    if (earlier == null) {
      return LedgerOutcome.FIRST;
    }
    return earlier.equals(delivery) ? LedgerOutcome.REDELIVERY : LedgerOutcome.DUPLICATE;
  }

  /** Number of documents of a kind (for tests and replay summaries). */
  public int size(DocumentKind<?> kind) {
    return table(kind).size();
  }

  private Map<String, Versioned<?>> table(DocumentKind<?> kind) {
    return collections.computeIfAbsent(kind.collection(), c -> new ConcurrentHashMap<>());
  }
}
