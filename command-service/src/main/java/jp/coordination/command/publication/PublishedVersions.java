package jp.coordination.command.publication;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The published version of each stream: {@code published} on its {@code event_streams} document,
 * the number of its events Kafka has acknowledged from the first on (so {@code published ==
 * version} means the stream is fully out). The relay raises it after every acknowledged pass,
 * before it removes the markers; the reconciliation compares it with {@code version} to find a
 * stream whose publication was missed.
 *
 * <p>The field sits beside {@code version} and the events, outside the hash chain and the
 * envelopes; appends neither read nor write it, and it only moves up ({@code $max}), so the relays
 * of several instances may raise it in any order.
 */
public final class PublishedVersions {
  /** The field on the stream document. */
  public static final String PUBLISHED = "published";

  private final MongoCollection<Document> streams;

  public PublishedVersions(MongoCollection<Document> streams) {
    this.streams = streams;
  }

  /**
   * Records, in one round trip, that each stream's events before the given sequence are on Kafka.
   *
   * @param publishedUpTo aggregate id to the number of its events acknowledged from the first on
   */
  public void raise(Map<String, Long> publishedUpTo) {
    if (publishedUpTo.isEmpty()) {
      return;
    }
    List<UpdateOneModel<Document>> updates = new ArrayList<>(publishedUpTo.size());
    publishedUpTo.forEach(
        (aggregateId, published) ->
            updates.add(
                new UpdateOneModel<>(
                    Filters.eq("_id", aggregateId), Updates.max(PUBLISHED, published))));
    streams.bulkWrite(updates, new BulkWriteOptions().ordered(false));
  }

  /** The stream's published version as stored; 0 for a stream not stored or never published. */
  public long read(String aggregateId) {
    Document stream =
        streams.find(Filters.eq("_id", aggregateId)).projection(new Document(PUBLISHED, 1)).first();
    return stream == null ? 0 : of(stream);
  }

  /** The published version recorded on a stream document; 0 when none is (never published). */
  public static long of(Document stream) {
    Object value = stream.get(PUBLISHED);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
