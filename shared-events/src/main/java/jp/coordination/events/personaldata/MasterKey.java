package jp.coordination.events.personaldata;

/**
 * Wraps and unwraps per-household data keys. The master key itself never leaves its holder: in
 * production that is a KMS or HSM (an implementation calls its encrypt/decrypt operations, e.g. AWS
 * KMS {@code Encrypt}/{@code Decrypt} with {@code context} as encryption context, or Cloud KMS with
 * {@code context} as additional authenticated data); locally and in tests it is {@link
 * LocalMasterKey}, a 256-bit AES key from configuration.
 *
 * <p>Implementations must authenticate {@code context}: a wrapped key copied to another household
 * must not unwrap.
 */
public interface MasterKey {

  /** A stable name of the master key (version), stored beside each wrapped key for rotation. */
  String id();

  /** Encrypts a data key, binding it to {@code context}. */
  byte[] wrap(byte[] dataKey, byte[] context);

  /**
   * Decrypts a wrapped data key.
   *
   * @throws PersonalDataUnavailableException if it was not wrapped by this key for this context
   */
  byte[] unwrap(byte[] wrappedKey, byte[] context);
}
