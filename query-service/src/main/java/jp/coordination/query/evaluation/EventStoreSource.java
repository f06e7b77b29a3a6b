package jp.coordination.query.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import java.util.List;
import java.util.function.Consumer;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the command side's event store directly, for when the topic no longer holds the whole
 * history: collection {@code event_streams}, one document per aggregate {@code {_id, aggregateType,
 * version, events: [...]}}, where each stored event is the envelope's JSON (as {@link EventCodec}
 * writes it) plus a {@code requestHash} field that is not part of the envelope. Streams come in
 * {@code _id} order, each stream's events in sequence order.
 */
public final class EventStoreSource implements EventSource {

  static final String STREAMS = "event_streams";
  private static final Logger log = LoggerFactory.getLogger(EventStoreSource.class);

  private final MongoDatabase database;
  private final EventCodec codec;

  public EventStoreSource(MongoDatabase database, EventCodec codec) {
    this.database = database;
    this.codec = codec;
  }

  @Override
  public long readAll(Consumer<EventEnvelope> sink, Consumer<NotFolded> unreadable) {
    ObjectMapper mapper = codec.mapper();
    MongoCollection<Document> streams = database.getCollection(STREAMS);
    long undecodable = 0;
    try (MongoCursor<Document> cursor = streams.find().batchSize(500).iterator()) {
      while (cursor.hasNext()) {
        Document stream = cursor.next();
        List<Document> events = stream.getList("events", Document.class, List.of());
        for (Document stored : events) {
          try {
            ObjectNode tree = mapper.valueToTree(stored);
            tree.remove("requestHash");
            sink.accept(codec.fromTree(tree));
          } catch (RuntimeException e) {
            undecodable++;
            log.warn(
                "Unreadable stored event of stream {}: {}",
                stream.get("_id"),
                e.getClass().getName());
            Object sequence = stored.get("sequence");
            unreadable.accept(
                new NotFolded(
                    STREAMS + "/" + stream.get("_id"),
                    stored.getString("eventId"),
                    String.valueOf(stream.get("_id")),
                    stored.getString("type"),
                    sequence instanceof Number n ? n.longValue() : null,
                    NotFolded.UNDECODABLE,
                    e.getClass().getName()));
          }
        }
      }
    }
    return undecodable;
  }

  /**
   * The sum of the streams' versions: a stream's version is its number of events, so this counts
   * every stored event without decoding one.
   */
  @Override
  public long count() {
    Document sum =
        database
            .getCollection(STREAMS)
            .aggregate(List.of(Aggregates.group(null, Accumulators.sum("events", "$version"))))
            .first();
    return sum == null ? 0 : ((Number) sum.get("events")).longValue();
  }

  @Override
  public String describe() {
    return "event store " + database.getName() + "." + STREAMS;
  }
}
