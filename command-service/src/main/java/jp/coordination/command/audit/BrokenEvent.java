package jp.coordination.command.audit;

/**
 * The first thing the integrity check found wrong.
 *
 * @param problem what is wrong (see {@link Problem})
 * @param aggregateId the stream, or {@code null} for a problem of the checkpoints themselves
 * @param sequence the sequence (position in the stream) that is broken, or {@code null}
 * @param eventId the id of the event found there, or {@code null} when it is missing
 * @param detail a sentence for the auditor
 */
public record BrokenEvent(
    Problem problem, String aggregateId, Long sequence, String eventId, String detail) {

  /** The kinds of breakage the verifier tells apart. */
  public enum Problem {
    /** The event's content (payload or metadata) or its predecessor does not match its hash. */
    HASH_MISMATCH,
    /** The event has no hash (stored before hashing, or the field was removed). */
    HASH_MISSING,
    /**
     * The stored event holds fields or values the envelope does not (an added or retyped field).
     */
    NOT_CANONICAL,
    /** The stored event cannot be read as an envelope at all. */
    UNDECODABLE,
    /** An event is absent: the sequence at this position is stored nowhere in the stream. */
    MISSING,
    /** Events are out of order: the sequence at this position is stored at another position. */
    REORDERED,
    /**
     * An event was added: its sequence is taken already, or it sits beyond the stream's version.
     */
    INSERTED,
    /** The event names another aggregate than the stream holding it. */
    WRONG_STREAM,
    /** The stream's recorded version or head hash does not match its events. */
    STREAM_HEAD_MISMATCH,
    /** A stream the checkpoint covers is gone. */
    STREAM_MISSING,
    /** A stream has fewer events than the checkpoint saw. */
    TRUNCATED,
    /**
     * The event the checkpoint saw as a stream's head has another hash now: the chain was rebuilt.
     */
    REWRITTEN,
    /**
     * A checkpoint does not match its own digest, hash or HMAC, or differs from the exported one.
     */
    CHECKPOINT_ALTERED,
    /**
     * The stored checkpoints do not form an unbroken chain: one altered or inserted, a link to the
     * predecessor missing or wrong, or an HMAC that does not match the key.
     */
    CHECKPOINT_CHAIN_BROKEN,
    /**
     * A checkpoint is gone: a gap in the numbering, a chain not starting at 1, a chain ending
     * before the newest number the store recorded as taken, or before a checkpoint known from
     * outside the store (given by number and hash, or exported). Checkpoints were deleted.
     */
    CHECKPOINT_MISSING
  }
}
