package jp.coordination.events.household;

/**
 * A household's {@link PersonalData}, encrypted with the household's own data key (AES-256-GCM).
 * The key is kept apart from the events (collection {@code household_keys}); destroying it makes
 * every copy of this blob — in the event store, on Kafka, in backups of either — unreadable
 * (crypto-shredding). How to decrypt is described in {@code docs/events.md} and implemented by
 * {@code jp.coordination.events.personaldata.PersonalDataCipher}.
 *
 * @param keyId the id of the data key: the household id
 * @param keyVersion the version of the data key (1 unless a key was ever replaced)
 * @param iv the random 96-bit GCM nonce, base64
 * @param ciphertext the UTF-8 JSON of the personal data, encrypted, followed by the 128-bit GCM
 *     tag, base64
 */
public record EncryptedPersonalData(String keyId, int keyVersion, String iv, String ciphertext) {}
