package jp.coordination.command.eventstore;

/**
 * What the storage engine tells the publication side around each append. The store does not know
 * Kafka; it only guarantees that {@link #beforeAppend} has durably recorded the intent before the
 * events can exist, so that a crash between storing and publishing can never lose an event.
 */
public interface PublicationOutbox {

  /**
   * Records, durably, that events {@code firstSequence..lastSequence} of the aggregate may be about
   * to be stored and must be published. Called before the append; an exception aborts the append.
   */
  void beforeAppend(String aggregateId, long firstSequence, long lastSequence);

  /** The append succeeded: a good moment to publish (a hint for latency, not needed for safety). */
  void afterAppend(String aggregateId);

  /** An outbox that records nothing, for tests of the store alone. */
  PublicationOutbox NONE =
      new PublicationOutbox() {
        @Override
        public void beforeAppend(String aggregateId, long firstSequence, long lastSequence) {}

        @Override
        public void afterAppend(String aggregateId) {}
      };
}
