package jp.coordination.command.publication;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.coordination.command.eventstore.PublicationOutbox;
import org.bson.Document;

/**
 * The pending-publication markers ({@code publication_pending}), one per aggregate with events that
 * may not be on Kafka yet: {@code {_id: aggregateId, from, upTo, rev, touchedAt, since}}.
 *
 * <p>The collection stays small (a marker is removed once its events are published), so the relay
 * may list it whole; every other operation is by {@code _id}. {@code rev} counts writer updates:
 * the relay removes a marker only if {@code rev} and {@code upTo} are what it read, which no clock
 * resolution or clock skew can fool.
 */
public class PendingPublications implements PublicationOutbox {

  static final String ID = "_id";
  static final String FROM = "from";
  static final String UP_TO = "upTo";
  static final String REV = "rev";
  static final String TOUCHED_AT = "touchedAt";
  static final String SINCE = "since";

  /** A marker as read: events {@code from..upTo} of the aggregate still need publishing. */
  public record Marker(
      String aggregateId, long from, long upTo, long rev, Instant touchedAt, Instant since) {}

  private final MongoCollection<Document> markers;
  private final Clock clock;
  private volatile Runnable onAppended = () -> {};
  private volatile boolean indexesReady;

  public PendingPublications(MongoCollection<Document> markers, Clock clock) {
    this.markers = markers;
    this.clock = clock;
  }

  /** Who to tell when an append succeeded (the relay's wake-up). */
  public void onAppended(Runnable listener) {
    this.onAppended = listener;
  }

  /**
   * Creates the unique index {@code {_id, upTo, rev}}: it adds no constraint, but lets the MongoDB
   * stand-in answer the relay's conditional delete by index (it uses an index only for a filter on
   * exactly its keys). Idempotent; called before the first marker is written.
   */
  public void ensureIndexes() {
    if (!indexesReady) {
      markers.createIndex(
          Indexes.ascending(ID, UP_TO, REV), new IndexOptions().unique(true).name("marker_state"));
      indexesReady = true;
    }
  }

  @Override
  public void beforeAppend(String aggregateId, long firstSequence, long lastSequence) {
    promise(aggregateId, firstSequence, lastSequence);
  }

  /**
   * Promises that events {@code from..upTo} of the aggregate will be published: creates the marker,
   * or widens the one there. Writers call it before their append; the reconciliation calls it for a
   * stream found stored beyond its published version with no marker.
   */
  public void promise(String aggregateId, long from, long upTo) {
    ensureIndexes();
    Date now = Date.from(clock.instant());
    markers.updateOne(
        Filters.eq(ID, aggregateId),
        Updates.combine(
            Updates.max(UP_TO, upTo),
            Updates.min(FROM, from),
            Updates.set(TOUCHED_AT, now),
            Updates.inc(REV, 1L),
            Updates.setOnInsert(SINCE, now)),
        new UpdateOptions().upsert(true));
  }

  @Override
  public void afterAppend(String aggregateId) {
    onAppended.run();
  }

  /** Up to {@code limit} markers, in no particular order. */
  public List<Marker> list(int limit) {
    List<Marker> result = new ArrayList<>();
    for (Document document : markers.find().limit(limit)) {
      result.add(
          new Marker(
              document.getString(ID),
              number(document, FROM),
              number(document, UP_TO),
              number(document, REV),
              instant(document, TOUCHED_AT),
              document.getDate(SINCE) == null
                  ? instant(document, TOUCHED_AT)
                  : instant(document, SINCE)));
    }
    return result;
  }

  /** Whether the aggregate has a marker now. */
  public boolean exists(String aggregateId) {
    return markers.find(Filters.eq(ID, aggregateId)).projection(new Document(ID, 1)).first()
        != null;
  }

  /** Removes the marker unless a writer changed it since it was read. */
  public boolean removeIfUnchanged(Marker marker) {
    return markers.deleteOne(unchangedFilter(marker)).getDeletedCount() == 1;
  }

  // A plain document on exactly the keys of the marker index, in its order (see ensureIndexes):
  // the MongoDB stand-in then answers it by index. Filters.and would render as $and and scan.
  private static Document unchangedFilter(Marker marker) {
    return new Document(ID, marker.aggregateId())
        .append(UP_TO, marker.upTo())
        .append(REV, marker.rev());
  }

  /**
   * Removes each of these markers unless a writer changed it since it was read, all in one round
   * trip: one bulk write of conditional deletes, each with the same filter as {@link
   * #removeIfUnchanged}.
   *
   * @return whether every one was removed; if not, the caller cannot tell which were kept (the
   *     result has only a total) and must treat each as possibly kept
   */
  public boolean removeAllIfUnchanged(List<Marker> unchanged) {
    if (unchanged.isEmpty()) {
      return true;
    }
    List<DeleteOneModel<Document>> deletes = new ArrayList<>(unchanged.size());
    for (Marker marker : unchanged) {
      deletes.add(new DeleteOneModel<>(unchangedFilter(marker)));
    }
    // Unordered: a kept marker must not stop the deletes after it.
    BulkWriteResult result = markers.bulkWrite(deletes, new BulkWriteOptions().ordered(false));
    return result.getDeletedCount() == unchanged.size();
  }

  /** Records that everything before {@code firstUnpublished} is on Kafka; never moves back. */
  public void advanceFrom(String aggregateId, long firstUnpublished) {
    markers.updateOne(Filters.eq(ID, aggregateId), Updates.max(FROM, firstUnpublished));
  }

  private static long number(Document document, String field) {
    Object value = document.get(field);
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Instant instant(Document document, String field) {
    Date date = document.getDate(field);
    return date == null ? Instant.EPOCH : date.toInstant();
  }
}
