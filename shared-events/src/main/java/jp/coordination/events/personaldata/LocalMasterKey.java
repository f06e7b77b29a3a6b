package jp.coordination.events.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A master key held in process memory, from configuration ({@code PERSONAL_DATA_MASTER_KEY}, a
 * base64 256-bit key). Wraps with AES-256-GCM, {@code context} as additional authenticated data; a
 * wrapped key is {@code iv || ciphertext+tag}.
 */
public final class LocalMasterKey implements MasterKey {
  private final byte[] key;
  private final String id;

  private LocalMasterKey(byte[] key) {
    this.key = key.clone();
    this.id = "local:" + fingerprint(key);
  }

  /**
   * Reads a base64 256-bit key.
   *
   * @throws IllegalArgumentException if it is not base64 or not 32 bytes (the message never repeats
   *     the value)
   */
  public static LocalMasterKey fromBase64(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("the master key is not set");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the master key is not valid base64");
    }
    if (key.length != Aes256Gcm.KEY_BYTES) {
      throw new IllegalArgumentException("the master key must be 256 bits (32 bytes), base64");
    }
    return new LocalMasterKey(key);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] context) {
    return Aes256Gcm.seal(key, dataKey, context);
  }

  @Override
  public byte[] unwrap(byte[] wrappedKey, byte[] context) {
    return Aes256Gcm.open(key, wrappedKey, context);
  }

  /** First 8 bytes of SHA-256 of the key: names the key version without revealing it. */
  private static String fingerprint(byte[] key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("coordination-master-key-id:" + HexFormat.of().formatHex(key))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
