package jp.coordination.command.eventstore;

import java.util.Optional;

/**
 * Questions the command side asks of stored streams outside an aggregate; each one is answered from
 * the cache of recent streams or by a single read by {@code _id}, so its cost does not grow with
 * the store.
 *
 * <p>An answer may be behind the store when another instance wrote meanwhile. Facts that never
 * change once a stream exists (its aggregate type, its existence) are safe to use as they are;
 * anything else must either be tied to the version of the append it guards (as the scope check is,
 * through {@link StreamScope#version()}) or be asked again after {@link #forget}.
 */
public interface EventStreams {

  /** The stored outcome of a command on an aggregate, if that command's events are stored. */
  Optional<StoredCommand> findCommand(String aggregateId, String commandId);

  /** The aggregate type of a stored stream, if the aggregate exists. */
  Optional<String> aggregateTypeOf(String aggregateId);

  /** Type, current ward and version of the aggregate, from one state of it, if it exists. */
  Optional<StreamScope> scopeOf(String aggregateId);

  /** Drops what is known of the aggregate, so that the next question reads MongoDB. */
  void forget(String aggregateId);
}
