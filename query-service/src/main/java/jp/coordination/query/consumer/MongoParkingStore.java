package jp.coordination.query.consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Parking in MongoDB: {@code parked_events} (one document per parked record, {@code _id} = its
 * position) and {@code parked_aggregates} (one marker per aggregate, {@code _id} = aggregate id).
 * Only {@code _id} lookups on the consumer's path, as the stand-in requires.
 */
public final class MongoParkingStore implements ParkingStore {

  static final String EVENTS = "parked_events";
  static final String AGGREGATES = "parked_aggregates";

  /**
   * The counter of re-drive numbers and each record's number ({@code #redrive:<record id>}), beside
   * the markers (no aggregate id starts with {@code #}).
   */
  static final String REDRIVE_COUNTER = "#redrive";

  static final String REDRIVE_PREFIX = REDRIVE_COUNTER + ":";

  private final MongoDatabase database;
  private final UnaryOperator<String> names;

  public MongoParkingStore(MongoDatabase database) {
    this(database, UnaryOperator.identity());
  }

  /**
   * @param names a collection's name in the generation the calling thread works on: parked records
   *     belong to the read models they could not be applied to ({@link Generations})
   */
  public MongoParkingStore(MongoDatabase database, UnaryOperator<String> names) {
    this.database = database;
    this.names = names;
  }

  private MongoCollection<Document> events() {
    return database.getCollection(names.apply(EVENTS));
  }

  private MongoCollection<Document> aggregates() {
    return database.getCollection(names.apply(AGGREGATES));
  }

  @Override
  public Optional<ParkedEvent> find(String id) {
    return Optional.ofNullable(events().find(Filters.eq("_id", id)).first())
        .map(MongoParkingStore::event);
  }

  @Override
  public void save(ParkedEvent e) {
    Document doc =
        new Document("_id", e.id())
            .append("topic", e.topic())
            .append("partition", e.partition())
            .append("offset", e.offset())
            .append("aggregateId", e.aggregateId())
            .append("eventId", e.eventId())
            .append("type", e.type())
            .append("revision", e.revision())
            .append("sequence", e.sequence())
            .append("state", e.state().name())
            .append("reason", e.reason().name())
            .append("detail", e.detail())
            .append("firstFailureAt", date(e.firstFailureAt()))
            .append("lastFailureAt", date(e.lastFailureAt()))
            .append("attempts", e.attempts())
            .append("heldUntil", date(e.heldUntil()))
            .append("raw", e.raw())
            .append("resolvedAt", date(e.resolvedAt()))
            .append("skippedBy", e.skippedBy())
            .append("skipReason", e.skipReason());
    events().replaceOne(Filters.eq("_id", e.id()), doc, new ReplaceOptions().upsert(true));
  }

  @Override
  public List<ParkedEvent> all() {
    List<ParkedEvent> all = new ArrayList<>();
    for (Document doc : events().find()) {
      all.add(event(doc));
    }
    return all;
  }

  @Override
  public Optional<AggregateMarker> marker(String aggregateId) {
    return Optional.ofNullable(aggregates().find(Filters.eq("_id", aggregateId)).first())
        .map(MongoParkingStore::marker);
  }

  @Override
  public void save(AggregateMarker marker) {
    if (marker.isEmpty()) {
      aggregates().deleteOne(Filters.eq("_id", marker.aggregateId()));
      return;
    }
    aggregates()
        .replaceOne(
            Filters.eq("_id", marker.aggregateId()),
            new Document("_id", marker.aggregateId())
                .append("parked", marker.parked())
                .append("skippedSequences", marker.skippedSequences())
                .append("unknownSkips", marker.unknownSkips()),
            new ReplaceOptions().upsert(true));
  }

  @Override
  public long redriveNumber(String recordId) {
    String key = REDRIVE_PREFIX + recordId;
    Document assigned = aggregates().find(Filters.eq("_id", key)).first();
    if (assigned == null) {
      Document counter =
          aggregates()
              .findOneAndUpdate(
                  Filters.eq("_id", REDRIVE_COUNTER),
                  Updates.inc("next", 1L),
                  new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      long next = counter.get("next", Number.class).longValue();
      // Set only if absent: when two callers race, both read back the one number that won.
      aggregates()
          .updateOne(
              Filters.eq("_id", key),
              Updates.setOnInsert("number", next),
              new UpdateOptions().upsert(true));
      assigned = aggregates().find(Filters.eq("_id", key)).first();
    }
    return assigned.get("number", Number.class).longValue();
  }

  @Override
  public List<AggregateMarker> markers() {
    List<AggregateMarker> all = new ArrayList<>();
    for (Document doc : aggregates().find()) {
      if (!doc.getString("_id").startsWith(REDRIVE_COUNTER)) {
        all.add(marker(doc));
      }
    }
    return all;
  }

  private static AggregateMarker marker(Document d) {
    List<Long> skipped = new ArrayList<>();
    for (Object s : d.getList("skippedSequences", Object.class, List.of())) {
      skipped.add(((Number) s).longValue());
    }
    return new AggregateMarker(
        d.getString("_id"),
        d.getList("parked", String.class, List.of()),
        skipped,
        d.get("unknownSkips", 0));
  }

  private static ParkedEvent event(Document d) {
    Number revision = d.get("revision", Number.class);
    Number sequence = d.get("sequence", Number.class);
    return new ParkedEvent(
        d.getString("_id"),
        d.getString("topic"),
        d.get("partition", Number.class).intValue(),
        d.get("offset", Number.class).longValue(),
        d.getString("aggregateId"),
        d.getString("eventId"),
        d.getString("type"),
        revision == null ? null : revision.intValue(),
        sequence == null ? null : sequence.longValue(),
        ParkedEvent.State.valueOf(d.getString("state")),
        ParkedEvent.Reason.valueOf(d.getString("reason")),
        d.getString("detail"),
        instant(d.getDate("firstFailureAt")),
        instant(d.getDate("lastFailureAt")),
        d.get("attempts", Number.class).intValue(),
        instant(d.getDate("heldUntil")),
        d.getString("raw"),
        instant(d.getDate("resolvedAt")),
        d.getString("skippedBy"),
        d.getString("skipReason"));
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
