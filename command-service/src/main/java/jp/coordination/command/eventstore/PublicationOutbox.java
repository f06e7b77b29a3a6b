package jp.coordination.command.eventstore;

/**
 * What the storage engine tells the publication side after each append. The promise to publish is
 * not here: it is the stream's {@link StoredEvents#PENDING} field, written in the same atomic
 * document write as the events, so there is no moment at which events exist without it.
 */
public interface PublicationOutbox {

  /** The append succeeded: a good moment to publish (a hint for latency, not needed for safety). */
  void afterAppend(String aggregateId);

  /** An outbox that hears nothing, for tests of the store alone. */
  PublicationOutbox NONE = aggregateId -> {};
}
