package jp.coordination.command.eventstore;

import static jp.coordination.command.eventstore.StoredEvents.AGGREGATE_TYPE;
import static jp.coordination.command.eventstore.StoredEvents.CAUSATION_ID;
import static jp.coordination.command.eventstore.StoredEvents.EVENTS;
import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.REQUEST_HASH;
import static jp.coordination.command.eventstore.StoredEvents.WARD;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** {@link EventStreams} over the stream documents: every answer is one read by {@code _id}. */
public class MongoEventStreams implements EventStreams {

  private final MongoCollection<Document> streams;

  public MongoEventStreams(MongoCollection<Document> streams) {
    this.streams = streams;
  }

  @Override
  public Optional<StoredCommand> findCommand(String aggregateId, String commandId) {
    Document stream = streams.find(Filters.eq(ID, aggregateId)).first();
    if (stream == null) {
      return Optional.empty();
    }
    List<Document> events = StoredEvents.eventsOf(stream);
    String requestHash = null;
    long lastSequence = -1;
    for (Document event : events) {
      if (commandId.equals(event.getString(CAUSATION_ID))) {
        if (lastSequence < 0) {
          requestHash = event.getString(REQUEST_HASH);
        }
        lastSequence = Math.max(lastSequence, StoredEvents.sequenceOf(event));
      }
    }
    if (lastSequence < 0) {
      return Optional.empty();
    }
    boolean created =
        StoredEvents.sequenceOf(events.get(0)) == 0
            && commandId.equals(events.get(0).getString(CAUSATION_ID));
    return Optional.of(
        new StoredCommand(
            stream.getString(AGGREGATE_TYPE), aggregateId, requestHash, lastSequence, created));
  }

  @Override
  public Optional<String> aggregateTypeOf(String aggregateId) {
    Document stream =
        streams
            .find(Filters.eq(ID, aggregateId))
            .projection(Projections.include(AGGREGATE_TYPE))
            .first();
    return Optional.ofNullable(stream).map(s -> s.getString(AGGREGATE_TYPE));
  }

  @Override
  public Optional<String> currentWardOf(String aggregateId) {
    // Only the newest event travels: a $slice projection, still a read by _id.
    Document stream =
        streams
            .find(Filters.eq(ID, aggregateId))
            .projection(Projections.slice(EVENTS, -1))
            .first();
    if (stream == null) {
      return Optional.empty();
    }
    List<Document> last = StoredEvents.eventsOf(stream);
    return last.isEmpty() ? Optional.empty() : Optional.ofNullable(last.get(0).getString(WARD));
  }
}
