package jp.coordination.query.evaluation;

import java.util.function.Consumer;
import jp.coordination.events.envelope.EventEnvelope;

/** Where a replay reads the log from: the Kafka topic or the command side's event store. */
public interface EventSource {

  /**
   * Hands every event of the log, as it stands when the read starts, to {@code sink}, each
   * aggregate's events in their order.
   *
   * @return records that could not be decoded and were skipped
   */
  long readAll(Consumer<EventEnvelope> sink);

  /** A short description for logs and job metadata, without credentials. */
  String describe();
}
