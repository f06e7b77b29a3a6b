package jp.coordination.command.eventstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-aggregate hash chain of the event store (docs/AUDIT.md, ADR 0003). Each stored event
 * carries {@code hash = SHA-256(previous hash || len(E) || E || len(R) || R)}, where {@code E} is
 * the envelope exactly as {@code EventCodec.encode} writes it and {@code R} the unpublished request
 * hash stored beside it (UTF-8, empty when absent); lengths are 4-byte big-endian. The first event
 * of a stream chains from {@link #GENESIS}. Hashes are written as lowercase hex.
 *
 * <p>Pure and stateless: the storage engine computes the chain at append time from the stream head
 * it already read, and the audit verifier recomputes it from the stored events.
 */
public final class EventHashChain {

  // Before GENESIS: static fields initialise in order.
  private static final HexFormat HEX = HexFormat.of();

  /** The "previous hash" of every stream's first event: SHA-256 of a fixed, versioned label. */
  public static final String GENESIS =
      hex(sha256("coordination-event-chain-v1".getBytes(StandardCharsets.UTF_8)));

  private EventHashChain() {}

  /**
   * The hash of an event following {@code previousHash}.
   *
   * @param previousHash the preceding event's hash in hex, or {@link #GENESIS}
   * @param envelopeBytes the codec's bytes of the envelope
   * @param requestHash the request hash stored beside the event, or {@code null}
   */
  public static String next(String previousHash, byte[] envelopeBytes, String requestHash) {
    byte[] previous = parse(previousHash);
    byte[] request =
        requestHash == null ? new byte[0] : requestHash.getBytes(StandardCharsets.UTF_8);
    MessageDigest digest = newDigest();
    digest.update(previous);
    digest.update(ByteBuffer.allocate(4).putInt(envelopeBytes.length).array());
    digest.update(envelopeBytes);
    digest.update(ByteBuffer.allocate(4).putInt(request.length).array());
    digest.update(request);
    return hex(digest.digest());
  }

  /** SHA-256 of some bytes. */
  public static byte[] sha256(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** A previous hash that is not 64 hex digits (absent, damaged) chains as 32 zero bytes. */
  private static byte[] parse(String hash) {
    if (hash == null || hash.length() != 64) {
      return new byte[32];
    }
    try {
      return HEX.parseHex(hash);
    } catch (IllegalArgumentException e) {
      return new byte[32];
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
