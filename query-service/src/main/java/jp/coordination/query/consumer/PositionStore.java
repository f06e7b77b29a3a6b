package jp.coordination.query.consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Consumer positions in MongoDB ({@code consumer_positions}, {@code _id: "<topic>-<partition>"}),
 * beside the read models they describe rather than in Kafka: a position is only stored after the
 * read models absorbed the records before it. The stored offset is the next one to read. Each
 * generation of the read models has its own positions ({@link Generations}).
 */
public final class PositionStore {

  static final String COLLECTION = "consumer_positions";

  private final MongoDatabase database;
  private final UnaryOperator<String> names;
  private final Clock clock;

  public PositionStore(MongoDatabase database, Clock clock) {
    this(database, clock, UnaryOperator.identity());
  }

  /**
   * @param names the collection's name in the generation the calling thread works on
   */
  public PositionStore(MongoDatabase database, Clock clock, UnaryOperator<String> names) {
    this.database = database;
    this.names = names;
    this.clock = clock;
  }

  private MongoCollection<Document> positions() {
    return database.getCollection(names.apply(COLLECTION));
  }

  /** The next offset to read in the partition, if one was stored. */
  public OptionalLong next(String topic, int partition) {
    Document doc = positions().find(Filters.eq("_id", id(topic, partition))).first();
    if (doc == null || doc.get("offset") == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(((Number) doc.get("offset")).longValue());
  }

  /** Stores the next offset to read in the partition. */
  public void store(String topic, int partition, long nextOffset) {
    String id = id(topic, partition);
    positions()
        .replaceOne(
            Filters.eq("_id", id),
            new Document("_id", id)
                .append("topic", topic)
                .append("partition", partition)
                .append("offset", nextOffset)
                .append("updatedAt", Date.from(clock.instant())),
            new ReplaceOptions().upsert(true));
  }

  /**
   * Every stored position of the calling thread's generation, by partition, with the collection's
   * name: what the read models of that generation have absorbed. It only grows while the read
   * models change by records, so a reader can tell from it that nothing was applied since.
   */
  public Map<String, Long> absorbed() {
    MongoCollection<Document> collection = positions();
    Map<String, Long> absorbed = new TreeMap<>();
    absorbed.put(collection.getNamespace().getCollectionName(), 0L);
    for (Document doc : collection.find().projection(new Document("offset", 1))) {
      Object offset = doc.get("offset");
      absorbed.put(doc.getString("_id"), offset == null ? -1L : ((Number) offset).longValue());
    }
    return absorbed;
  }

  static String id(String topic, int partition) {
    return topic + "-" + partition;
  }
}
