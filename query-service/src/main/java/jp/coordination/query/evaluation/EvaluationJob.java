package jp.coordination.query.evaluation;

import java.time.Instant;
import java.util.List;
import jp.coordination.query.statistics.Definitions;

/**
 * An evaluation run as stored in {@code evaluations} ({@code _id} = id). The result is kept as the
 * exact JSON bytes (UTF-8 text) the run produced, so it is answered byte for byte after a restart.
 *
 * @param status RUNNING, DONE or FAILED
 * @param instance the service instance running it; a RUNNING job of another (earlier) instance was
 *     interrupted by a restart
 * @param notFoldedCount events the replay left out (unreadable, fold failed, or behind such one)
 * @param notFolded the first of them, with positions, ids and reasons
 * @param definitions a what-if's definitions; null for an official evaluation
 * @param officialJson a what-if's official figures from the same events, stored like {@code
 *     resultJson}; null otherwise
 */
public record EvaluationJob(
    String id,
    Status status,
    int fiscalYear,
    Instant recordedUpTo,
    long eventsRead,
    String source,
    Instant startedAt,
    Instant finishedAt,
    String error,
    String resultJson,
    String instance,
    long notFoldedCount,
    List<NotFolded> notFolded,
    Definitions definitions,
    String officialJson) {

  public EvaluationJob {
    notFolded = notFolded == null ? List.of() : List.copyOf(notFolded);
  }

  /** Whether this is a what-if replay (its result is the variant). */
  public boolean whatIf() {
    return definitions != null;
  }

  /** Where a job stands. */
  public enum Status {
    RUNNING,
    DONE,
    FAILED
  }
}
