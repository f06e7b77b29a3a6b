package jp.coordination.command.publication;

import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.PENDING;
import static jp.coordination.command.eventstore.StoredEvents.PENDING_SINCE;
import static jp.coordination.command.eventstore.StoredEvents.VERSION;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.PublicationOutbox;
import jp.coordination.command.eventstore.StoredEvents;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams that may hold events not yet on Kafka: those whose {@code event_streams} document
 * carries {@code pending} (the aggregate id) and {@code pendingSince}. The storage engine sets both
 * in the very write that stores the events; the relay removes both, and raises {@code published},
 * in one write conditional on the {@code {_id, version}} it published up to, so a writer who
 * appended meanwhile keeps the stream pending.
 *
 * <p>Listing must not read the whole store, on MongoDB nor on the stand-in, which serves a filter
 * by an index only when the filter has exactly that index's keys, and only with unique indexes (it
 * ignores the others). Hence a unique sparse index on {@code pending} alone, holding only the
 * pending streams, and a listing filter {@code {pending: /^/}}: the stand-in answers a regular
 * expression on a single-key unique index by walking that index's entries, and MongoDB by a scan of
 * the same sparse index. The value is the aggregate id because a unique index needs a distinct
 * value per stream and the regular expression needs a string.
 */
public class PendingPublications implements PublicationOutbox {

  private static final Logger log = LoggerFactory.getLogger(PendingPublications.class);

  /** The name of the index the listing goes through. */
  static final String INDEX = "pending_streams";

  /** Matches every string: the listing filter, served by the index (see the class comment). */
  private static final Pattern ANY = Pattern.compile("^");

  // The fields of the markers of the former layout ({@code publication_pending}).
  private static final String LEGACY_UP_TO = "upTo";
  private static final String LEGACY_REV = "rev";
  private static final String LEGACY_SINCE = "since";
  private static final String LEGACY_TOUCHED_AT = "touchedAt";

  /**
   * A pending stream as listed, without its events.
   *
   * @param version the number of events stored when listed
   * @param published the number of them known to be on Kafka from the first on
   * @param since when the oldest append not known to be published was recorded
   */
  public record Pending(String aggregateId, long version, long published, Instant since) {}

  private final MongoCollection<Document> streams;
  private final MongoCollection<Document> legacyMarkers;
  private final Clock clock;
  private volatile Runnable onAppended = () -> {};
  private volatile boolean indexesReady;

  public PendingPublications(EventStreamCollections collections, Clock clock) {
    this.streams = collections.streams();
    this.legacyMarkers = collections.publicationPending();
    this.clock = clock;
  }

  /** Who to tell when an append succeeded (the relay's wake-up). */
  public void onAppended(Runnable listener) {
    this.onAppended = listener;
  }

  @Override
  public void afterAppend(String aggregateId) {
    onAppended.run();
  }

  /**
   * Creates the unique sparse index on {@code pending}: sparse so that it holds only the pending
   * streams; unique because the stand-in keeps no other kind. The values are aggregate ids, so
   * uniqueness constrains nothing. Idempotent; called before the first listing.
   */
  public void ensureIndexes() {
    if (!indexesReady) {
      streams.createIndex(
          Indexes.ascending(PENDING), new IndexOptions().unique(true).sparse(true).name(INDEX));
      indexesReady = true;
    }
  }

  /** Up to {@code limit} pending streams, in no particular order, without their events. */
  public List<Pending> list(int limit) {
    ensureIndexes();
    List<Pending> result = new ArrayList<>();
    Document fields =
        new Document(VERSION, 1).append(PublishedVersions.PUBLISHED, 1).append(PENDING_SINCE, 1);
    // A plain document with exactly the index's one key: Filters.regex would do as well on
    // MongoDB, but the stand-in must see the same single key to use the index.
    for (Document stream :
        streams.find(new Document(PENDING, ANY)).projection(fields).limit(limit)) {
      Date since = stream.getDate(PENDING_SINCE);
      result.add(
          new Pending(
              stream.getString(ID),
              number(stream.get(VERSION)),
              PublishedVersions.of(stream),
              since == null ? Instant.EPOCH : since.toInstant()));
    }
    return result;
  }

  /**
   * Marks a stream pending again (the reconciliation found it behind with no mark), unless it no
   * longer has {@code version} events: then an append changed it, and that append marked it.
   *
   * @return whether the stream was marked here
   */
  public boolean markAgain(String aggregateId, long version) {
    return streams
            .updateOne(
                new Document(ID, aggregateId).append(VERSION, version),
                StoredEvents.markPending(aggregateId, Date.from(clock.instant())))
            .getMatchedCount()
        == 1;
  }

  /**
   * Records, in one round trip, that each stream's events up to the given version are on Kafka and
   * clears its pending mark, each only if the stream still has exactly that many events: the filter
   * is the stream's {@code {_id, version}}, so a writer who appended meanwhile keeps its mark (and
   * its events are published by the next pass). A plain document on exactly the keys of the unique
   * {@code stream_version} index, which the stand-in then answers by index.
   *
   * @param publishedVersions aggregate id to the version its events were published up to (all of
   *     them, from the stream's published version on)
   * @return whether every stream was settled; if not, the caller cannot tell which were not (the
   *     result has only a total)
   */
  public boolean settle(Map<String, Long> publishedVersions) {
    if (publishedVersions.isEmpty()) {
      return true;
    }
    List<UpdateOneModel<Document>> updates = new ArrayList<>(publishedVersions.size());
    publishedVersions.forEach(
        (aggregateId, version) ->
            updates.add(
                new UpdateOneModel<>(
                    new Document(ID, aggregateId).append(VERSION, version),
                    Updates.combine(
                        Updates.max(PublishedVersions.PUBLISHED, version),
                        Updates.unset(PENDING),
                        Updates.unset(PENDING_SINCE)))));
    // Unordered: a stream a writer changed must not stop the updates after it.
    BulkWriteResult result = streams.bulkWrite(updates, new BulkWriteOptions().ordered(false));
    return result.getMatchedCount() == publishedVersions.size();
  }

  /**
   * Moves the markers of the former layout ({@code publication_pending}, written before the mark
   * moved onto the stream documents) onto their streams, and removes each marker that no writer
   * changed meanwhile. A marker whose stream does not exist belonged to an append that never landed
   * and is simply removed; should that append land later after all (a writer of the former version
   * still running), the reconciliation finds the stream behind its published version.
   *
   * @return the number of markers moved or removed
   */
  public int moveLegacyMarkers() {
    int moved = 0;
    for (Document marker : legacyMarkers.find()) {
      String aggregateId = marker.getString(ID);
      Date since = marker.getDate(LEGACY_SINCE);
      if (since == null) {
        since = marker.getDate(LEGACY_TOUCHED_AT);
      }
      streams.updateOne(
          new Document(ID, aggregateId),
          StoredEvents.markPending(
              aggregateId, since == null ? Date.from(clock.instant()) : since));
      // The former layout's conditional delete, on exactly its unique index's keys.
      legacyMarkers.deleteOne(
          new Document(ID, aggregateId)
              .append(LEGACY_UP_TO, marker.get(LEGACY_UP_TO))
              .append(LEGACY_REV, marker.get(LEGACY_REV)));
      moved++;
    }
    if (moved > 0) {
      log.info("Moved {} publication markers of the former layout onto their streams", moved);
    }
    return moved;
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
