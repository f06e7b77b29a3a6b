package jp.coordination.command.personaldata;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import jp.coordination.events.personaldata.MasterKey;
import jp.coordination.events.personaldata.PersonalDataCipher;
import org.bson.Document;

/**
 * {@link HouseholdKeys} in MongoDB: {@code {_id, keyVersion, wrappedKey, masterKeyId, createdAt,
 * destroyedAt}}. Every operation is by {@code _id}.
 */
public final class MongoHouseholdKeys implements HouseholdKeys {
  /** The collection name, shared with the query-service's read-only access. */
  public static final String COLLECTION = "household_keys";

  private static final int VERSION = 1;

  private final MongoCollection<Document> keys;
  private final MasterKey masterKey;

  public MongoHouseholdKeys(MongoCollection<Document> keys, MasterKey masterKey) {
    this.keys = keys;
    this.masterKey = masterKey;
  }

  @Override
  public DataKey keyFor(String householdId) {
    Optional<Document> existing = read(householdId);
    if (existing.isPresent()) {
      return unwrap(householdId, existing.get());
    }
    byte[] dataKey = PersonalDataCipher.newDataKey();
    byte[] wrapped = masterKey.wrap(dataKey, PersonalDataCipher.keyContext(householdId, VERSION));
    Document document =
        new Document("_id", householdId)
            .append("keyVersion", VERSION)
            .append("wrappedKey", Base64.getEncoder().encodeToString(wrapped))
            .append("masterKeyId", masterKey.id())
            .append("createdAt", Date.from(Instant.now()))
            .append("destroyedAt", null);
    try {
      keys.insertOne(document);
      return new DataKey(householdId, VERSION, dataKey);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // A concurrent retry created it first: use that one.
      return unwrap(householdId, read(householdId).orElseThrow(() -> e));
    }
  }

  @Override
  public Optional<DataKey> find(String householdId) {
    return read(householdId)
        .filter(d -> d.get("wrappedKey") != null)
        .map(d -> unwrap(householdId, d));
  }

  @Override
  public void destroy(String householdId, Instant at) {
    // Upsert: a household whose key was never created (or lost) still gets its tombstone.
    keys.updateOne(
        new Document("_id", householdId),
        new Document("$set", new Document("wrappedKey", null).append("destroyedAt", Date.from(at)))
            .append(
                "$setOnInsert",
                new Document("keyVersion", VERSION).append("createdAt", Date.from(at))),
        new com.mongodb.client.model.UpdateOptions().upsert(true));
  }

  private Optional<Document> read(String householdId) {
    return Optional.ofNullable(keys.find(new Document("_id", householdId)).first());
  }

  private DataKey unwrap(String householdId, Document document) {
    Object wrapped = document.get("wrappedKey");
    if (wrapped == null) {
      throw new KeyDestroyedException(householdId);
    }
    int version = document.getInteger("keyVersion", VERSION);
    byte[] key =
        masterKey.unwrap(
            Base64.getDecoder().decode((String) wrapped),
            PersonalDataCipher.keyContext(householdId, version));
    return new DataKey(householdId, version, key);
  }
}
