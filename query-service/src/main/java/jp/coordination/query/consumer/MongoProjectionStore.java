package jp.coordination.query.consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The projection store on MongoDB. Every operation is by {@code _id} (insert, find, replace with
 * {@code {_id, v}}), because the stand-in answers only those fast and offers no transactions.
 *
 * <p>A document is the state's fields, flat, plus {@code _id}, {@code pos} and {@code v}.
 */
public final class MongoProjectionStore implements ProjectionStore {

  static final String LEDGER = "applied_events";
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final MongoDatabase database;
  private final ObjectMapper mapper;

  public MongoProjectionStore(MongoDatabase database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  @Override
  public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
    Document doc = collection(kind).find(Filters.eq("_id", id)).first();
    if (doc == null) {
      return Optional.empty();
    }
    Map<String, Object> fields = new LinkedHashMap<>(doc);
    fields.remove("_id");
    Object pos = fields.remove("pos");
    Number v = (Number) fields.remove("v");
    S state = mapper.convertValue(fields, kind.type());
    return Optional.of(new Versioned<>(state, positions(pos), v == null ? 0 : v.longValue()));
  }

  @Override
  public <S> boolean replace(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    Document doc = toDocument(id, next);
    try {
      if (expectedVersion == 0) {
        collection(kind).insertOne(doc);
        return true;
      }
      return collection(kind)
              .replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("v", expectedVersion)), doc)
              .getMatchedCount()
          == 1;
    } catch (MongoWriteException e) {
      if (isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
    MongoCollection<Document> ledger = database.getCollection(LEDGER);
    try {
      ledger.insertOne(
          new Document("_id", eventId)
              .append("partition", delivery.partition())
              .append("offset", delivery.offset()));
      return LedgerOutcome.FIRST;
    } catch (MongoWriteException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
    }
    Document earlier = ledger.find(Filters.eq("_id", eventId)).first();
    if (earlier == null) {
      // Only possible if someone pruned the ledger between our insert and read: treat as new.
      return recordDelivery(eventId, delivery);
    }
    Delivery seen =
        new Delivery(
            ((Number) earlier.get("partition")).intValue(),
            ((Number) earlier.get("offset")).longValue());
    return seen.equals(delivery) ? LedgerOutcome.REDELIVERY : LedgerOutcome.DUPLICATE;
  }

  private <S> Document toDocument(String id, Versioned<S> versioned) {
    Map<String, Object> fields = mapper.convertValue(versioned.state(), MAP);
    for (String reserved : new String[] {"_id", "pos", "v"}) {
      if (fields.containsKey(reserved)) {
        throw new IllegalArgumentException(
            versioned.state().getClass().getSimpleName() + " must not have a field " + reserved);
      }
    }
    Document doc = new Document("_id", id);
    doc.putAll(fields);
    doc.append("pos", new Document(new HashMap<>(versioned.pos())));
    doc.append("v", versioned.v());
    return doc;
  }

  private static Map<String, Long> positions(Object pos) {
    Map<String, Long> result = new HashMap<>();
    if (pos instanceof Map<?, ?> map) {
      map.forEach((k, val) -> result.put(k.toString(), ((Number) val).longValue()));
    }
    return result;
  }

  private MongoCollection<Document> collection(DocumentKind<?> kind) {
    return database.getCollection(kind.collection());
  }

  static boolean isDuplicateKey(MongoWriteException e) {
    return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
