package jp.coordination.query.personaldata;

import com.mongodb.client.MongoCollection;
import java.util.Base64;
import java.util.Optional;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.personaldata.MasterKey;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.events.personaldata.PersonalDataUnavailableException;
import org.bson.Document;

/**
 * Decrypts a household's personal data with its key from {@code household_keys} (read by {@code
 * _id}, never cached, so an erasure takes effect on the next read).
 */
public class HouseholdKeyReader implements AutoCloseable {
  /** The key store's collection (written by the command-service). */
  public static final String COLLECTION = "household_keys";

  /** The outcome of a read: the data, or why there is none. */
  public record Decrypted(PersonalData personalData, boolean erased) {}

  private final MongoCollection<Document> keys;
  private final MasterKey masterKey;

  private final java.io.Closeable client;

  public HouseholdKeyReader(
      MongoCollection<Document> keys, MasterKey masterKey, java.io.Closeable client) {
    this.keys = keys;
    this.masterKey = masterKey;
    this.client = client;
  }

  @Override
  public void close() throws java.io.IOException {
    if (client != null) {
      client.close();
    }
  }

  /**
   * The clear personal data, or none: {@code erased} when the key was destroyed. A missing key or a
   * blob that does not authenticate gives no data and is not reported as erased.
   */
  public Decrypted decrypt(String householdId, EncryptedPersonalData blob) {
    Document key = keys.find(new Document("_id", householdId)).first();
    if (key == null) {
      return new Decrypted(null, false);
    }
    if (key.get("wrappedKey") == null || key.get("destroyedAt") != null) {
      return new Decrypted(null, true);
    }
    if (blob == null) {
      return new Decrypted(null, false);
    }
    try {
      int version = key.getInteger("keyVersion", 1);
      byte[] dataKey =
          masterKey.unwrap(
              Base64.getDecoder().decode(key.getString("wrappedKey")),
              PersonalDataCipher.keyContext(householdId, version));
      return new Decrypted(PersonalDataCipher.decrypt(householdId, dataKey, blob), false);
    } catch (PersonalDataUnavailableException | IllegalArgumentException e) {
      return new Decrypted(null, false);
    }
  }

  /** Whether the household's key was destroyed. */
  public boolean destroyed(String householdId) {
    return Optional.ofNullable(keys.find(new Document("_id", householdId)).first())
        .map(d -> d.get("wrappedKey") == null)
        .orElse(false);
  }
}
