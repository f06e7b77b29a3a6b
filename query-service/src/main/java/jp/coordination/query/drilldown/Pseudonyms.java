package jp.coordination.query.drilldown;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for aggregate ids: HMAC-SHA256 of the aggregate's type and id under a key
 * derived from the service's master key. The same aggregate gets the same pseudonym in every
 * drill-down and on every instance, so an analyst can follow one case across figures; without the
 * master key the pseudonym cannot be turned back into the id (ids are UUIDs or short codes a
 * dictionary could try, hence a keyed hash, not a plain one).
 */
public final class Pseudonyms {

  private static final String ALGORITHM = "HmacSHA256";

  /** Binds the derived key to this use, so it is never the key of anything else. */
  private static final String PURPOSE = "coordination drill-down pseudonyms v1";

  /** 128 bits: no two aggregates of a region share one. */
  private static final int BYTES = 16;

  private final SecretKeySpec key;

  public Pseudonyms(byte[] masterKey) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(masterKey, ALGORITHM), PURPOSE), ALGORITHM);
  }

  /** The pseudonym of one aggregate, e.g. {@code p-3q2-Xb0Jk9cJ1ZP2aTf1Aw}. */
  public String of(String aggregateType, String aggregateId) {
    byte[] digest = hmac(key, aggregateType + '\u0000' + aggregateId);
    byte[] head = java.util.Arrays.copyOf(digest, BYTES);
    return "p-" + Base64.getUrlEncoder().withoutPadding().encodeToString(head);
  }

  private static byte[] hmac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
