package jp.coordination.query.consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The projection store on MongoDB. Every operation is by {@code _id} (insert, find, replace with
 * {@code {_id, v}}), because the stand-in answers only those fast and offers no transactions.
 *
 * <p>A document is the state's fields, flat, plus {@code _id}, {@code pos} and {@code v}.
 *
 * <p>The conditional replace filters on exactly {@code {_id, v}}, backed by a unique index on those
 * keys: the stand-in uses an index only for a filter with exactly its keys, and scanned the
 * collection for {@code $and: [{_id}, {v}]} (28 replaces/s at 20,000 documents, falling with every
 * document added; see docs/adr/0001).
 *
 * <p>{@link #readForUpdate} answers from a bounded cache of what this store last read or wrote.
 * That is safe because every write is conditional on the version read: a stale entry (another
 * instance wrote meanwhile, during a rebalance) makes the replace fail, the entry is dropped, and
 * the caller's retry reads the database. Queries ({@link #read}) never use the cache, so an
 * instance always serves what the database holds, including other instances' writes.
 */
public final class MongoProjectionStore implements ProjectionStore {

  static final String LEDGER = "applied_events";
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Default number of documents kept for updates: far more than a year's wards and aggregates. */
  public static final long DEFAULT_CACHED_DOCUMENTS = 100_000;

  private final MongoDatabase database;
  private final ObjectMapper mapper;
  private final Cache<CacheKey, Versioned<?>> forUpdate;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();
  private final long generation;

  /** While this store is the only writer of collections that started empty; else null. */
  private volatile WrittenIds onlyWriter;

  public MongoProjectionStore(MongoDatabase database, ObjectMapper mapper) {
    this(database, mapper, DEFAULT_CACHED_DOCUMENTS);
  }

  /**
   * @param cachedDocuments how many documents {@link #readForUpdate} keeps in memory (0: none)
   */
  public MongoProjectionStore(MongoDatabase database, ObjectMapper mapper, long cachedDocuments) {
    this(database, mapper, cachedDocuments, 0);
  }

  /**
   * @param generation whose collections this store works on ({@link Generations#collection})
   */
  public MongoProjectionStore(
      MongoDatabase database, ObjectMapper mapper, long cachedDocuments, long generation) {
    this.database = database;
    this.mapper = mapper;
    this.generation = generation;
    this.forUpdate = Caffeine.newBuilder().maximumSize(cachedDocuments).recordStats().build();
  }

  private record CacheKey(String collection, String id) {}

  /**
   * Declares this store the only writer of its generation's collections, which are empty now (a
   * rebuild's, until the switch): {@link #readForUpdate} then answers "absent" for a document this
   * store never wrote without asking the database. Why: most documents a rebuild touches are new,
   * and each read of one that is not there was a round trip for nothing. If the promise is broken
   * anyway (someone else wrote one), the conditional insert fails, the document counts as written,
   * and the caller's retry reads it: slower, never wrong.
   */
  public void assumeOnlyWriterOfEmpty() {
    onlyWriter = new WrittenIds();
  }

  /** Others write these collections from now on (the generation is served): read before updates. */
  public void stopAssumingOnlyWriter() {
    onlyWriter = null;
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
  @SuppressWarnings("unchecked")
  public <S> Optional<Versioned<S>> readForUpdate(DocumentKind<S> kind, String id) {
    CacheKey key = new CacheKey(kind.collection(), id);
    Versioned<S> cached = (Versioned<S>) forUpdate.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    WrittenIds written = onlyWriter;
    if (written != null && !written.mightContain(kind.collection(), id)) {
      return Optional.empty();
    }
    Optional<Versioned<S>> stored = read(kind, id);
    stored.ifPresent(versioned -> forUpdate.put(key, versioned));
    return stored;
  }

  @Override
  public <S> void forgetForUpdate(DocumentKind<S> kind, String id) {
    forUpdate.invalidate(new CacheKey(kind.collection(), id));
  }

  @Override
  public <S> boolean replace(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    CacheKey key = new CacheKey(kind.collection(), id);
    boolean written = false;
    try {
      written = write(kind, id, expectedVersion, next);
      return written;
    } finally {
      // Whatever failed (lost race, exception), the next read for update must see the database.
      if (written) {
        forUpdate.put(key, next);
      } else {
        forUpdate.invalidate(key);
      }
    }
  }

  private <S> boolean write(
      DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
    Document doc = toDocument(id, next);
    noteWriting(kind, id);
    try {
      if (expectedVersion == 0) {
        collection(kind).insertOne(doc);
        return true;
      }
      ensureVersionIndex(kind);
      // A plain {_id, v} document, not Filters.and (which renders as $and and makes the stand-in
      // scan): exactly the keys of the index below.
      Document expected = new Document("_id", id).append("v", expectedVersion);
      return collection(kind).replaceOne(expected, doc).getMatchedCount() == 1;
    } catch (MongoWriteException e) {
      if (isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * One bulk write per run of the same collection, unordered within it: the conditional replaces
   * and inserts of a run do not depend on each other, and the next run is sent only once this one
   * is written.
   */
  @Override
  public boolean replaceAll(List<Replacement<?>> writes) {
    int from = 0;
    while (from < writes.size()) {
      String collection = writes.get(from).kind().collection();
      int to = from + 1;
      while (to < writes.size() && writes.get(to).kind().collection().equals(collection)) {
        to++;
      }
      if (!writeRun(writes.subList(from, to))) {
        return false;
      }
      from = to;
    }
    return true;
  }

  private boolean writeRun(List<Replacement<?>> run) {
    DocumentKind<?> kind = run.get(0).kind();
    List<WriteModel<Document>> models = new ArrayList<>(run.size());
    for (Replacement<?> write : run) {
      Document doc = toDocument(write.id(), write.next());
      noteWriting(kind, write.id());
      if (write.expectedVersion() == 0) {
        models.add(new InsertOneModel<>(doc));
      } else {
        models.add(
            new ReplaceOneModel<>(
                new Document("_id", write.id()).append("v", write.expectedVersion()), doc));
      }
    }
    if (run.stream().anyMatch(w -> w.expectedVersion() != 0)) {
      ensureVersionIndex(kind);
    }
    boolean written = false;
    try {
      BulkWriteResult result =
          collection(kind).bulkWrite(models, new BulkWriteOptions().ordered(false));
      written = result.getInsertedCount() + result.getMatchedCount() == models.size();
      return written;
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream().allMatch(MongoProjectionStore::isDuplicateKey)) {
        return false;
      }
      throw e;
    } finally {
      // Which write of the run lost is not reported; after a loss none of the run is trusted.
      for (Replacement<?> write : run) {
        CacheKey key = new CacheKey(kind.collection(), write.id());
        if (written) {
          forUpdate.put(key, write.next());
        } else {
          forUpdate.invalidate(key);
        }
      }
    }
  }

  /** Before a write is sent: whatever its outcome, the document may exist from now on. */
  private void noteWriting(DocumentKind<?> kind, String id) {
    WrittenIds written = onlyWriter;
    if (written != null) {
      written.add(kind.collection(), id);
    }
  }

  /**
   * The unique index {@code {_id, v}} adds no constraint ({@code _id} is unique already); it lets
   * the stand-in answer the conditional replace by index. Idempotent, once per collection.
   */
  private void ensureVersionIndex(DocumentKind<?> kind) {
    if (!indexed.contains(kind.collection())) {
      collection(kind)
          .createIndex(
              Indexes.ascending("_id", "v"), new IndexOptions().unique(true).name("doc_version"));
      indexed.add(kind.collection());
    }
  }

  /**
   * Publishes the hits, misses and size of the cache behind {@link #readForUpdate}, tagged with the
   * generation (a rebuild's store gets its own meters once it serves).
   */
  public void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(
        registry, forUpdate, "projection.update", "generation", Long.toString(generation));
  }

  @Override
  public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
    MongoCollection<Document> ledger = ledger();
    try {
      ledger.insertOne(ledgerEntry(eventId, delivery));
      return LedgerOutcome.FIRST;
    } catch (MongoWriteException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
    }
    return againstEarlier(eventId, delivery);
  }

  /** The outcome for a delivery whose event id the ledger already holds. */
  private LedgerOutcome againstEarlier(String eventId, Delivery delivery) {
    Document earlier = ledger().find(Filters.eq("_id", eventId)).first();
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

  /** One unordered insert of the whole batch; only the (rare) duplicates are looked up. */
  @Override
  public List<LedgerOutcome> recordDeliveries(List<Delivered> deliveries) {
    List<LedgerOutcome> outcomes = new ArrayList<>(deliveries.size());
    List<Document> entries = new ArrayList<>(deliveries.size());
    for (Delivered delivered : deliveries) {
      outcomes.add(LedgerOutcome.FIRST);
      entries.add(ledgerEntry(delivered.eventId(), delivered.delivery()));
    }
    if (entries.isEmpty()) {
      return outcomes;
    }
    try {
      ledger().insertMany(entries, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (!isDuplicateKey(error)) {
          throw e;
        }
      }
      for (BulkWriteError error : e.getWriteErrors()) {
        Delivered delivered = deliveries.get(error.getIndex());
        outcomes.set(error.getIndex(), againstEarlier(delivered.eventId(), delivered.delivery()));
      }
    }
    return outcomes;
  }

  private static Document ledgerEntry(String eventId, Delivery delivery) {
    return new Document("_id", eventId)
        .append("partition", delivery.partition())
        .append("offset", delivery.offset());
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
    return database.getCollection(Generations.collection(kind.collection(), generation));
  }

  private MongoCollection<Document> ledger() {
    return database.getCollection(Generations.collection(LEDGER, generation));
  }

  static boolean isDuplicateKey(MongoWriteException e) {
    return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }

  private static boolean isDuplicateKey(BulkWriteError error) {
    return error.getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
