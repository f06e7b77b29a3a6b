package jp.coordination.infra.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * mongo-java-server's in-memory backend, with reads that are atomic per document as MongoDB's are.
 *
 * <p>As shipped, an update changes the stored document in place, field by field, under the
 * collection's lock, while a query answers with the stored document itself, which is encoded for
 * the wire only after the lock is released. A read that races a replace of the same document can
 * therefore answer fields of the old version with the {@code pos} and {@code v} of the new one: a
 * reader that replaces conditionally on that {@code v} writes the old fields back, silently undoing
 * the other writer's change (RebalanceIT lost a ward dashboard's count this way). Here a query
 * answers copies taken under the lock.
 */
final class SnapshotMemoryBackend extends MemoryBackend {

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new SnapshotDatabase(databaseName, getCursorRegistry());
  }

  private static final class SnapshotDatabase extends MemoryDatabase {
    private final CursorRegistry cursors;

    SnapshotDatabase(String name, CursorRegistry cursors) {
      super(name, cursors);
      this.cursors = cursors;
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
      return new SnapshotCollection(this, name, options, cursors);
    }
  }

  private static final class SnapshotCollection extends MemoryCollection {
    SnapshotCollection(
        MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    /**
     * Copies of the answer, taken under the collection's lock (this method is synchronized). Not in
     * {@code createQueryResult}: updates find the documents they change through it, in place.
     * Documents left for a later {@code getMore} of a cursor are still the stored ones; the
     * projections read by {@code _id}, one document per answer.
     */
    @Override
    public synchronized QueryResult handleQuery(QueryParameters query) {
      return copies(super.handleQuery(query));
    }

    /**
     * The collection's own use (findAndModify, delete): the stored documents, which findAndModify
     * changes in place. Never answered to a client as they are.
     */
    @Override
    public QueryResult handleQuery(Document query, int numberToSkip, int limit) {
      return super.handleQuery(new QueryParameters(query, numberToSkip, limit));
    }
  }

  /** Deep copies of an answer; the caller holds the collection's lock. */
  static QueryResult copies(QueryResult result) {
    List<Document> copies = new ArrayList<>();
    for (Document document : result) {
      copies.add(document.cloneDeeply());
    }
    return new QueryResult(copies, result.getCursorId());
  }
}
