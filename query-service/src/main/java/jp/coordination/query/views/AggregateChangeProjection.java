package jp.coordination.query.views;

import jp.coordination.query.consumer.Delivery;

/**
 * A read model that depends on the aggregate's previous state (the ward dashboard; later the
 * regional statistics). The view projector calls it before it writes the view, so after a crash the
 * previous state is still there to recompute the same change.
 */
public interface AggregateChangeProjection {

  /**
   * Applies the change, idempotently per delivery.
   *
   * @return true if a document was written
   */
  boolean apply(AggregateChange change, Delivery delivery);
}
