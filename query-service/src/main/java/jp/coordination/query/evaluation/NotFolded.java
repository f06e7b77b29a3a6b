package jp.coordination.query.evaluation;

/**
 * An event the replay left out, reported in the job's metadata (beside the result, never in it).
 * The same events the live side parks: unreadable records, events whose fold threw, and the later
 * events of their aggregates, so that a replay still equals the live statistics. No payload.
 *
 * @param position where it was read: {@code <topic>-<partition>@<offset>} or the event store stream
 * @param eventId aggregateId, type, sequence: as far as they could be read (null if not)
 * @param reason {@code UNDECODABLE}, {@code EXCEPTION}, {@code GAP} (an earlier event of the
 *     aggregate is missing from the log) or {@code BEHIND_NOT_FOLDED}
 * @param detail the exception's class (and, for a fold, its message)
 */
public record NotFolded(
    String position,
    String eventId,
    String aggregateId,
    String type,
    Long sequence,
    String reason,
    String detail) {

  static final String UNDECODABLE = "UNDECODABLE";
  static final String EXCEPTION = "EXCEPTION";
  static final String BEHIND_NOT_FOLDED = "BEHIND_NOT_FOLDED";
  static final String GAP = "GAP";
}
