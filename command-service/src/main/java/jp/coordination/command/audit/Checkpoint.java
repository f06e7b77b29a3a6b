package jp.coordination.command.audit;

import java.time.Instant;
import java.util.List;

/**
 * A commitment to the state of every stream at one moment: each stream's version and head hash,
 * digested, chained to the previous checkpoint, and optionally authenticated with an HMAC key.
 * Exported as JSON for safekeeping outside the system (docs/AUDIT.md).
 *
 * @param number 1, 2, 3, ... without gaps
 * @param createdAt when it was taken
 * @param previousHash the previous checkpoint's {@code hash} ({@link Checkpoints#GENESIS} for 1)
 * @param streams how many streams it covers
 * @param events how many events it covers (the sum of the versions)
 * @param digest SHA-256 over the heads sorted by aggregate id, one line {@code id\tversion\thead\n}
 * @param hash SHA-256 over the fields above ({@link Checkpoints#hashOf})
 * @param hmac HMAC-SHA256 of {@code hash} with the configured key, or {@code null} without a key
 * @param heads every stream's head at the time
 */
public record Checkpoint(
    long number,
    Instant createdAt,
    String previousHash,
    long streams,
    long events,
    String digest,
    String hash,
    String hmac,
    List<Head> heads) {

  public Checkpoint {
    heads = heads == null ? List.of() : List.copyOf(heads);
  }

  /**
   * One stream as the checkpoint saw it.
   *
   * @param aggregateId the stream
   * @param version its number of events
   * @param headHash the hash of its newest event (sequence {@code version - 1})
   */
  public record Head(String aggregateId, long version, String headHash) {}

  /** The same checkpoint without its heads, for answers that only name it. */
  public Checkpoint withoutHeads() {
    return new Checkpoint(
        number, createdAt, previousHash, streams, events, digest, hash, hmac, List.of());
  }
}
