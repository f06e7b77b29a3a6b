package jp.coordination.query.evaluation;

import java.util.function.Consumer;
import jp.coordination.events.envelope.EventEnvelope;

/** Where a replay reads the log from: the Kafka topic or the command side's event store. */
public interface EventSource {

  /**
   * Hands every event of the log, as it stands when the read starts, to {@code sink}, each
   * aggregate's events in their order, and every record that cannot be decoded to {@code
   * unreadable} (by position and record key, without its content).
   *
   * @return records that could not be decoded
   */
  long readAll(Consumer<EventEnvelope> sink, Consumer<NotFolded> unreadable);

  /** {@link #readAll(Consumer, Consumer)}, counting unreadable records only. */
  default long readAll(Consumer<EventEnvelope> sink) {
    return readAll(sink, notFolded -> {});
  }

  /**
   * How many records a read started now would go through, from a cheap look (a topic's offsets, the
   * streams' versions) rather than a read: the total of a progress line. A topic's count includes
   * records the read skips (deleted values, undecodable records); a log that grows meanwhile is
   * read as it stands when the read starts.
   */
  long count();

  /** A short description for logs and job metadata, without credentials. */
  String describe();
}
