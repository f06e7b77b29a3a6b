package jp.coordination.events.personaldata;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit nonce and a 128-bit tag, from the JDK alone. */
final class Aes256Gcm {
  static final int KEY_BYTES = 32;
  static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Aes256Gcm() {}

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
    return run(Cipher.ENCRYPT_MODE, key, iv, plaintext, aad);
  }

  static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext, byte[] aad) {
    return run(Cipher.DECRYPT_MODE, key, iv, ciphertext, aad);
  }

  /** {@code iv || ciphertext+tag}, for wrapped keys kept in one field. */
  static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
    byte[] iv = randomBytes(IV_BYTES);
    byte[] sealed = encrypt(key, iv, plaintext, aad);
    return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
  }

  static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
    if (sealed.length < IV_BYTES + TAG_BITS / 8) {
      throw new PersonalDataUnavailableException("sealed value too short");
    }
    byte[] iv = java.util.Arrays.copyOfRange(sealed, 0, IV_BYTES);
    byte[] body = java.util.Arrays.copyOfRange(sealed, IV_BYTES, sealed.length);
    return decrypt(key, iv, body, aad);
  }

  private static byte[] run(int mode, byte[] key, byte[] iv, byte[] input, byte[] aad) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new PersonalDataUnavailableException("authentication of the encrypted value failed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not usable in this JVM", e);
    }
  }
}
