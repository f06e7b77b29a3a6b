package jp.coordination.command.eventstore;

import java.util.Optional;

/**
 * Questions the command side asks of stored streams outside an aggregate; each one is a single
 * read by {@code _id}, so its cost does not grow with the store.
 */
public interface EventStreams {

  /** The stored outcome of a command on an aggregate, if that command's events are stored. */
  Optional<StoredCommand> findCommand(String aggregateId, String commandId);

  /** The aggregate type of a stored stream, if the aggregate exists. */
  Optional<String> aggregateTypeOf(String aggregateId);

  /** The ward the aggregate's newest event counts for, if the aggregate exists. */
  Optional<String> currentWardOf(String aggregateId);
}
