package jp.coordination.events.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.PersonalData;

/**
 * Encrypts a household's personal data with its data key, as {@code docs/events.md} describes:
 * AES-256-GCM, a random 96-bit nonce per encryption, the UTF-8 JSON {@code
 * {"name","address","phone","birthYear"}} as plaintext, and as additional authenticated data {@code
 * coordination:personalData:<householdId>:<keyVersion>}, so a blob moved to another household or
 * key version fails to decrypt. Stateless and thread-safe.
 */
public final class PersonalDataCipher {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private PersonalDataCipher() {}

  /** A fresh random 256-bit data key. */
  public static byte[] newDataKey() {
    return Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES);
  }

  /** The context a household's data key is wrapped under, for {@link MasterKey}. */
  public static byte[] keyContext(String householdId, int keyVersion) {
    return ("coordination:household_keys:" + householdId + ":" + keyVersion)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Encrypts with a fresh nonce: the same data encrypts differently every time. */
  public static EncryptedPersonalData encrypt(
      String householdId, int keyVersion, byte[] dataKey, PersonalData person) {
    byte[] iv = Aes256Gcm.randomBytes(Aes256Gcm.IV_BYTES);
    byte[] ciphertext =
        Aes256Gcm.encrypt(dataKey, iv, plaintext(person), aad(householdId, keyVersion));
    Base64.Encoder b64 = Base64.getEncoder();
    return new EncryptedPersonalData(
        householdId, keyVersion, b64.encodeToString(iv), b64.encodeToString(ciphertext));
  }

  /**
   * Decrypts a blob of this household.
   *
   * @throws PersonalDataUnavailableException if the key or blob do not belong together
   */
  public static PersonalData decrypt(
      String householdId, byte[] dataKey, EncryptedPersonalData blob) {
    if (!householdId.equals(blob.keyId())) {
      throw new PersonalDataUnavailableException("the blob belongs to another household's key");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] clear;
    try {
      clear =
          Aes256Gcm.decrypt(
              dataKey,
              b64.decode(blob.iv()),
              b64.decode(blob.ciphertext()),
              aad(householdId, blob.keyVersion()));
    } catch (IllegalArgumentException e) {
      throw new PersonalDataUnavailableException("the blob is not valid base64", e);
    }
    try {
      return JSON.readValue(clear, PersonalData.class);
    } catch (IOException e) {
      throw new PersonalDataUnavailableException("the decrypted data is not personal data");
    }
  }

  /**
   * A keyed fingerprint (HMAC-SHA256 under the data key, hex) of the personal data, for telling a
   * retried registration from a different one without keeping a plain hash of the data: once the
   * key is destroyed, the fingerprint can no longer be checked against guesses.
   */
  public static String fingerprint(byte[] dataKey, PersonalData person) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(plaintext(person)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not usable in this JVM", e);
    }
  }

  private static byte[] aad(String householdId, int keyVersion) {
    return ("coordination:personalData:" + householdId + ":" + keyVersion)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] plaintext(PersonalData person) {
    try {
      return JSON.writeValueAsBytes(person);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("personal data cannot be written as JSON");
    }
  }
}
