package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GuardedUpdateTest {

  record Counter(int count) {}

  private static final DocumentKind<Counter> COUNTERS =
      new DocumentKind<>("counters", Counter.class);
  private final InMemoryProjectionStore store = new InMemoryProjectionStore();

  private boolean increment(ProjectionStore target, Delivery delivery) {
    return GuardedUpdate.apply(
        target, COUNTERS, "c", delivery, c -> new Counter(c.map(Counter::count).orElse(0) + 1));
  }

  private int count() {
    return store.read(COUNTERS, "c").orElseThrow().state().count();
  }

  @Test
  void the_same_delivery_applied_twice_counts_once() {
    assertThat(increment(store, new Delivery(0, 5))).isTrue();
    assertThat(increment(store, new Delivery(0, 5))).isFalse();
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void an_older_offset_of_the_same_partition_is_skipped() {
    increment(store, new Delivery(0, 5));
    assertThat(increment(store, new Delivery(0, 3))).isFalse();
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void offsets_of_other_partitions_are_guarded_separately() {
    increment(store, new Delivery(0, 5));
    assertThat(increment(store, new Delivery(1, 2))).isTrue();
    assertThat(increment(store, new Delivery(1, 2))).isFalse();
    assertThat(count()).isEqualTo(2);
    assertThat(store.read(COUNTERS, "c").orElseThrow().pos())
        .containsEntry("0", 5L)
        .containsEntry("1", 2L);
  }

  @Test
  void a_lost_race_is_retried_on_the_state_the_other_writer_left() {
    increment(store, new Delivery(0, 1));
    AtomicBoolean raced = new AtomicBoolean();
    // Another instance writes between our read and our conditional replace.
    ProjectionStore racing =
        new ProjectionStore() {
          @Override
          public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
            Optional<Versioned<S>> result = store.read(kind, id);
            if (raced.compareAndSet(false, true)) {
              increment(store, new Delivery(1, 7));
            }
            return result;
          }

          @Override
          public <S> boolean replace(DocumentKind<S> kind, String id, long v, Versioned<S> next) {
            return store.replace(kind, id, v, next);
          }

          @Override
          public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
            return store.recordDelivery(eventId, delivery);
          }
        };
    assertThat(increment(racing, new Delivery(0, 2))).isTrue();
    assertThat(count()).isEqualTo(3);
    assertThat(store.read(COUNTERS, "c").orElseThrow().v()).isEqualTo(3);
  }

  @Test
  void a_document_whose_replace_never_matches_ends_in_contention_not_in_a_failure_of_the_event() {
    increment(store, new Delivery(0, 1));
    ProjectionStore neverMatching =
        new ProjectionStore() {
          @Override
          public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
            return store.read(kind, id);
          }

          @Override
          public <S> boolean replace(DocumentKind<S> kind, String id, long v, Versioned<S> next) {
            return false;
          }

          @Override
          public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
            return store.recordDelivery(eventId, delivery);
          }
        };

    assertThatThrownBy(() -> increment(neverMatching, new Delivery(0, 2)))
        .isInstanceOf(ContendedDocumentException.class)
        .hasMessageContaining("counters/c");
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void the_ledger_tells_a_redelivery_from_a_republished_copy() {
    assertThat(store.recordDelivery("e1", new Delivery(0, 4))).isEqualTo(LedgerOutcome.FIRST);
    assertThat(store.recordDelivery("e1", new Delivery(0, 4))).isEqualTo(LedgerOutcome.REDELIVERY);
    assertThat(store.recordDelivery("e1", new Delivery(0, 9))).isEqualTo(LedgerOutcome.DUPLICATE);
  }
}
