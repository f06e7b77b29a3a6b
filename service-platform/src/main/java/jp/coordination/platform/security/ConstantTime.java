package jp.coordination.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Comparisons of secrets, hashes and MACs that take as long whatever the position of the first
 * difference, so that timing cannot reveal a stored value byte by byte. {@code String.equals} stops
 * at the first difference.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /** Whether both byte arrays are equal; {@code null} equals only {@code null}. */
  public static boolean equal(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(a, b);
  }

  /**
   * Whether both texts (hex or base64 of a hash or MAC) are equal; {@code null} equals only {@code
   * null}.
   */
  public static boolean equal(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
