package jp.coordination.command.audit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The last checkpoint a caller knows of from outside MongoDB: its number and hash, as printed on an
 * audit report, kept from the answer of {@code POST /api/audit/checkpoints}, from the log line of a
 * scheduled checkpoint, or from an exported file. The store must still hold that checkpoint with
 * that hash; a shorter chain means checkpoints were deleted.
 *
 * @param number the checkpoint's number, from 1
 * @param hash its {@code hash}: 64 hexadecimal digits, kept in lower case
 */
public record KnownCheckpoint(long number, String hash) {

  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  public KnownCheckpoint {
    if (number < 1) {
      throw new IllegalArgumentException("a checkpoint number is 1 or more");
    }
    hash = hash == null ? null : hash.strip().toLowerCase(Locale.ROOT);
    if (hash == null || !HEX_64.matcher(hash).matches()) {
      throw new IllegalArgumentException("a checkpoint hash is 64 hexadecimal digits");
    }
  }

  /** The exported checkpoint's number and hash. */
  public static KnownCheckpoint of(Checkpoint checkpoint) {
    return new KnownCheckpoint(checkpoint.number(), checkpoint.hash());
  }
}
