package jp.coordination.infra.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore) file backend, answering a write only once it is on disk. The plain backend
 * leaves changes in memory until its background thread commits them about once a second, and never
 * forces the file, so an acknowledged write was lost when the process was killed. Here a command
 * that may change data returns only after the MVStore has committed it and the file has been forced
 * ({@code fsync}), grouped with every other write waiting at that moment ({@link GroupCommit}).
 *
 * <p>Every command goes through {@link #handleCommand}: OP_MSG (what the driver sends) and the
 * legacy {@code $cmd} queries alike. Commands known to only read are answered at once; any other
 * command, including ones added in a later mongo-java-server, waits for durability, which costs at
 * worst one needless flush.
 *
 * <p>A commit stores only whole commands. A replace changes the document and then each of its index
 * entries; the MVStore commits whatever its maps hold at that moment, so a commit taken in between
 * (the group commit of another connection's write, or H2's own background commit, which is switched
 * off here) stored a document that its unique index did not point to, and after a restart every
 * conditional replace of that document missed it forever. Writes therefore run under the shared
 * side of a lock, and the commit under its exclusive side: it waits for the commands in progress (a
 * few microseconds of work in memory each) and holds back new ones only while it writes the pages;
 * the fsync runs outside the lock.
 *
 * <p>Reads answer copies taken under the collection's lock, for the reason {@link
 * SnapshotMemoryBackend} gives: the MVStore keeps the stored documents as objects, an update
 * changes them in place, and an answer encoded after the lock is released could otherwise be torn
 * between two versions of a document.
 *
 * <p>Documents and index keys are written, read and compared by {@link StandInDataType} rather than
 * by H2's Java serialization, and unique indexes are {@link StandInUniqueIndex}es under map names
 * of their own.
 */
final class DurableH2Backend extends H2Backend {

  private static final Set<String> READ_ONLY_COMMANDS =
      Set.of(
          "find",
          "getmore",
          "killcursors",
          "count",
          "distinct",
          "aggregate",
          "listcollections",
          "listindexes",
          "listdatabases",
          "collstats",
          "dbstats",
          "validate",
          "hello",
          "ismaster",
          "buildinfo",
          "ping",
          "serverstatus",
          "whatsmyuri",
          "getlasterror",
          "getlog",
          "hostinfo",
          "getcmdlineopts",
          "getfreemonitoringstatus",
          "connectionstatus",
          "endsessions",
          "replsetgetstatus",
          "getparameter",
          "currentop");

  // Unique indexes ordered by StandInDataType; mongo-java-server's own maps are "._index_".
  private static final String INDEX_MAP = "._keys_";

  private final GroupCommit groupCommit;
  // Fair, so that a waiting commit is not starved by a stream of writes that keep the shared side
  // held.
  private final ReadWriteLock wholeCommands = new ReentrantReadWriteLock(true);

  DurableH2Backend(String fileName) {
    super(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
    MVStore store = getMvStore();
    // commit() writes the changed pages to the file (it waits for its own write); sync() forces the
    // file to disk.
    this.groupCommit =
        new GroupCommit(
            "mongo-stand-in-commit",
            () -> {
              wholeCommands.writeLock().lock();
              try {
                store.commit();
              } finally {
                wholeCommands.writeLock().unlock();
              }
              store.sync();
            });
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new SnapshotH2Database(databaseName, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    if (!mayWrite(command, query)) {
      return super.handleCommand(channel, databaseName, command, query);
    }
    Document answer = null;
    RuntimeException failure = null;
    wholeCommands.readLock().lock();
    try {
      answer = super.handleCommand(channel, databaseName, command, query);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      wholeCommands.readLock().unlock();
    }
    // A failed write may still have changed something (an ordered bulk write stops at its first
    // error): the error
    // answer waits for durability too, so that what the client sees before it was told of the
    // failure stays.
    awaitDurable();
    if (failure != null) {
      throw failure;
    }
    return answer;
  }

  private void awaitDurable() {
    try {
      groupCommit.awaitDurable();
    } catch (IllegalStateException e) {
      throw new MongoServerException(e.getMessage(), e);
    }
  }

  static boolean mayWrite(String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (name.equals("aggregate")) {
      return writesOutput(query.get("pipeline"));
    }
    return !READ_ONLY_COMMANDS.contains(name);
  }

  // $out and $merge stages write their result into a collection.
  private static boolean writesOutput(Object pipeline) {
    if (!(pipeline instanceof List<?> stages)) {
      return false;
    }
    for (Object stage : stages) {
      if (stage instanceof Document document
          && (document.containsKey("$out") || document.containsKey("$merge"))) {
        return true;
      }
    }
    return false;
  }

  // Each map its own instances: ObjectDataType keeps the type it last saw.
  private static <K, V> MVMap.Builder<K, V> maps() {
    return new MVMap.Builder<K, V>()
        .keyType(new StandInDataType())
        .valueType(new StandInDataType());
  }

  /** Writes that waited for durability, and the flushes that made them durable. */
  EmbeddedMongo.DurableWrites stats() {
    return new EmbeddedMongo.DurableWrites(groupCommit.writes(), groupCommit.flushes());
  }

  /**
   * Flushes what writers still wait for, then closes the store (which commits and writes it once
   * more).
   */
  @Override
  public void close() {
    groupCommit.close();
    super.close();
  }

  // Not static: H2Database's constructor already opens collections, before a field of this class
  // could be set, while
  // the enclosing backend (and its store) is there from the start.
  private final class SnapshotH2Database extends H2Database {
    SnapshotH2Database(String name, MVStore store, CursorRegistry cursors) {
      super(name, store, cursors);
    }

    // The map names are H2Database's own, so that files written before this class existed open
    // unchanged.
    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String name, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(name);
      MVStore store = getMvStore();
      return new SnapshotH2Collection(
          this,
          name,
          options,
          store.openMap("databases." + namespace, DurableH2Backend.<Object, Document>maps()),
          store.openMap("meta." + namespace),
          cursorRegistry);
    }

    /**
     * A unique index over a map that H2 orders by {@link StandInDataType}. An index kept by an
     * earlier version under mongo-java-server's own map (ordered by serialized bytes) is copied
     * into it entry by entry and the former map removed. The copy is idempotent: a commit taken in
     * the middle of it (by another connection's write) stores the former map still whole, so the
     * next start copies again.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(
        String collection, String index, List<IndexKey> keys, boolean sparse) {
      MVStore store = getMvStore();
      MVMap<KeyValue, Object> map =
          store.openMap(indexMap(collection, index), DurableH2Backend.<KeyValue, Object>maps());
      String former = getFullCollectionNamespace(collection) + "._index_" + index;
      if (store.hasMap(former)) {
        MVMap<KeyValue, Object> formerMap = store.openMap(former);
        for (Map.Entry<KeyValue, Object> entry : formerMap.entrySet()) {
          map.putIfAbsent(entry.getKey(), entry.getValue());
        }
        store.removeMap(formerMap);
      }
      return new StandInUniqueIndex(map, index, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String index) {
      super.dropIndex(collection, index);
      String name = indexMap(collection.getCollectionName(), index);
      if (getMvStore().hasMap(name)) {
        getMvStore().removeMap(name);
      }
    }

    // mongo-java-server's H2Database renames neither a collection's index maps nor (it takes the
    // new name for the former one) its documents, so after a restart the renamed collection opened
    // empty. The collection object keeps the map objects it holds, so renaming them is enough.
    @Override
    public void moveCollection(
        MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
      String former = collection.getFullName();
      super.moveCollection(oldDatabase, collection, newCollectionName);
      String renamed = getFullCollectionNamespace(newCollectionName);
      MVStore store = getMvStore();
      for (String prefix : List.of("databases.", "meta.")) {
        if (store.hasMap(prefix + former)) {
          store.removeMap(prefix + renamed);
          store.renameMap(store.openMap(prefix + former), prefix + renamed);
        }
      }
      String formerIndexes = former + INDEX_MAP;
      for (String name : List.copyOf(store.getMapNames())) {
        if (name.startsWith(formerIndexes)) {
          store.renameMap(
              store.openMap(name), renamed + INDEX_MAP + name.substring(formerIndexes.length()));
        }
      }
    }

    private String indexMap(String collection, String index) {
      return getFullCollectionNamespace(collection) + INDEX_MAP + index;
    }
  }

  private static final class SnapshotH2Collection extends H2Collection {
    SnapshotH2Collection(
        MongoDatabase database,
        String name,
        CollectionOptions options,
        MVMap<Object, Document> data,
        MVMap<String, Object> meta,
        CursorRegistry cursors) {
      super(database, name, options, data, meta, cursors);
    }

    @Override
    public synchronized QueryResult handleQuery(QueryParameters query) {
      return SnapshotMemoryBackend.copies(super.handleQuery(query));
    }

    /**
     * The collection's own use (findAndModify, delete): the stored documents, never answered as
     * they are.
     */
    @Override
    public QueryResult handleQuery(Document query, int numberToSkip, int limit) {
      return super.handleQuery(new QueryParameters(query, numberToSkip, limit));
    }
  }
}
