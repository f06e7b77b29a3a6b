package jp.coordination.query.consumer;

import jp.coordination.events.envelope.EventEnvelope;

/**
 * What the consumer hands each event to once the ledger has let it through. Implementations must be
 * idempotent per delivery (use {@link GuardedUpdate}): the same delivery can arrive again after a
 * crash.
 */
public interface EventHandler {

  /**
   * Applies the event.
   *
   * @return true if it changed anything, false if every part of it had been applied already
   */
  boolean handle(EventEnvelope envelope, Delivery delivery);
}
