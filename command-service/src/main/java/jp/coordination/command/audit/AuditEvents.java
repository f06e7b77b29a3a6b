package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.REQUEST_HASH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.events.envelope.EventCodec;
import org.bson.Document;

/**
 * The event listing of the audit trail, in store order: by {@code recordedAt}, then aggregate id,
 * then sequence (docs/AUDIT.md, "Store order"). With an aggregate id it is one read by {@code _id};
 * otherwise one streaming pass over the streams that keeps only the best {@code (page + 1) × size}
 * events, so memory is bounded by the page window, not by the store. Each event is listed with
 * {@code actorName}, its actor's latest display name from the {@link ActorDirectory}, beside {@code
 * actor}.
 */
public final class AuditEvents {

  /** The order the listing is in, as the answer states it. */
  public static final String ORDER = "recordedAt,aggregateId,sequence";

  /** The deepest event a listing may reach: page × size + size. Narrow by time to go further. */
  public static final int MAX_WINDOW = 10_000;

  /** The field beside {@code actor} that names the actor; not stored, not hashed. */
  public static final String ACTOR_NAME = "actorName";

  /** The endpoint named in read records of this listing. */
  public static final String ENDPOINT = "GET /api/audit/events";

  private final MongoCollection<Document> streams;
  private final AccessRecords accessRecords;
  private final ActorDirectory actors;
  private final HouseholdKeys householdKeys;
  private final EventCodec codec;
  private final ObjectMapper mapper;
  private final Clock clock;

  public AuditEvents(
      MongoCollection<Document> streams,
      AccessRecords accessRecords,
      ActorDirectory actors,
      HouseholdKeys householdKeys,
      EventCodec codec,
      Clock clock) {
    this.streams = streams;
    this.accessRecords = accessRecords;
    this.actors = actors;
    this.householdKeys = householdKeys;
    this.codec = codec;
    this.mapper = codec.mapper();
    this.clock = clock;
  }

  /**
   * What to list. Null filters match everything; {@code from}/{@code to} bound {@code recordedAt}
   * as {@code [from, to)}.
   */
  public record Query(
      String aggregateId,
      String type,
      String actor,
      Instant from,
      Instant to,
      int page,
      int size) {}

  /**
   * The reader, for the read records of an unmasked listing.
   *
   * @param who the stable user id
   * @param whoName the display name at the time of the read
   */
  public record Reader(
      String who, String whoName, String role, String purpose, String correlationId) {}

  /**
   * One page of events.
   *
   * @param masked whether personal data was masked
   */
  public record Page(
      int page, int size, long total, String order, boolean masked, List<ObjectNode> events) {}

  /**
   * Lists events. Without a reader, personal data is masked; with one (who stated a purpose), it is
   * shown, and every record whose personal data the page shows is recorded first.
   */
  public Page list(Query query, Reader unmaskedFor) {
    long window = (long) (query.page() + 1) * query.size();
    if (window > MAX_WINDOW) {
      throw new IllegalArgumentException("page × size must stay within " + MAX_WINDOW);
    }
    Comparator<Entry> order =
        Comparator.comparing(Entry::recordedAt)
            .thenComparing(Entry::aggregateId)
            .thenComparingLong(Entry::sequence);
    // Keeps the `window` first entries: a max-heap whose head is the worst kept.
    PriorityQueue<Entry> best = new PriorityQueue<>(order.reversed());
    long total = 0;
    Iterable<Document> source =
        query.aggregateId() != null
            ? streams.find(Filters.eq(ID, query.aggregateId()))
            : streams.find().projection(Projections.include(StoredEvents.EVENTS)).batchSize(100);
    for (Document stream : source) {
      for (Document stored : StoredEvents.eventsOf(stream)) {
        Entry entry = Entry.of(stored);
        if (entry == null || !matches(query, stored, entry)) {
          continue;
        }
        total++;
        if (best.size() < window) {
          best.add(entry.withDocument(stored));
        } else if (order.compare(entry, best.peek()) < 0) {
          best.poll();
          best.add(entry.withDocument(stored));
        }
      }
    }
    List<Entry> sorted = new ArrayList<>(best);
    sorted.sort(order);
    int skip = query.page() * query.size();
    List<ObjectNode> events = new ArrayList<>();
    Map<String, String> revealed = new LinkedHashMap<>();
    for (int i = skip; i < sorted.size(); i++) {
      ObjectNode event = mapper.valueToTree(sorted.get(i).document());
      event.remove(REQUEST_HASH);
      withReadAs(event);
      if (unmaskedFor == null) {
        PersonalDataMasking.mask(event);
      } else if (PersonalDataMasking.reveal(event, householdKeys, mapper)) {
        revealed.put(event.path("aggregateId").asText(), event.path("aggregateType").asText());
      }
      events.add(event);
    }
    events = withActorNames(events);
    if (unmaskedFor != null) {
      record(unmaskedFor, revealed);
    }
    return new Page(query.page(), query.size(), total, ORDER, unmaskedFor == null, events);
  }

  /**
   * An event stored in an older revision is shown as stored (its hash is over that form) and, under
   * {@code readAs}, as every reader of this build reads it: through the same upcasters as the
   * query-service and the replay. An event of the current revision is shown once.
   */
  private void withReadAs(ObjectNode event) {
    ObjectNode current;
    try {
      // The codec ignores the stored hash and leaves the tree as it is.
      if (!codec.isOlderRevision(event)) {
        return;
      }
      current = codec.toTree(codec.fromTree(event));
    } catch (RuntimeException unreadable) {
      // An event this build cannot read is still listed as stored; the integrity check reports it.
      return;
    }
    ObjectNode readAs = event.putObject("readAs");
    readAs.set("revision", current.get("revision"));
    readAs.set("payload", current.get("payload"));
  }

  private void record(Reader reader, Map<String, String> revealed) {
    Instant now = clock.instant();
    List<AccessRecord> records = new ArrayList<>();
    revealed.forEach(
        (aggregateId, aggregateType) ->
            records.add(
                new AccessRecord(
                    AccessRecords.newId(now),
                    now,
                    reader.who(),
                    reader.whoName(),
                    reader.role(),
                    aggregateType,
                    aggregateId,
                    reader.purpose(),
                    ENDPOINT,
                    reader.correlationId())));
    accessRecords.append(records);
  }

  /** The page's events with {@code actorName} after {@code actor}: one directory query per page. */
  private List<ObjectNode> withActorNames(List<ObjectNode> events) {
    Set<String> subjects = new HashSet<>();
    for (ObjectNode event : events) {
      if (event.get("actor") instanceof TextNode actor) {
        subjects.add(actor.textValue());
      }
    }
    Map<String, String> names = actors.displayNames(subjects);
    List<ObjectNode> named = new ArrayList<>(events.size());
    for (ObjectNode event : events) {
      String name =
          event.get("actor") instanceof TextNode actor ? names.get(actor.textValue()) : null;
      ObjectNode copy = event.objectNode();
      for (Map.Entry<String, JsonNode> field : event.properties()) {
        if (field.getKey().equals(ACTOR_NAME)) {
          // No envelope has one: it was added in the store (the integrity check names it), and
          // must not pass for the directory's.
          continue;
        }
        copy.set(field.getKey(), field.getValue());
        if (field.getKey().equals("actor")) {
          copy.put(ACTOR_NAME, name);
        }
      }
      if (!copy.has(ACTOR_NAME)) {
        copy.put(ACTOR_NAME, name);
      }
      named.add(copy);
    }
    return named;
  }

  private static boolean matches(Query query, Document stored, Entry entry) {
    if (query.aggregateId() != null && !query.aggregateId().equals(entry.aggregateId())) {
      return false;
    }
    if (query.type() != null && !query.type().equals(stored.get("type"))) {
      return false;
    }
    if (query.actor() != null && !query.actor().equals(stored.get("actor"))) {
      return false;
    }
    if (query.from() != null && entry.recordedAt().isBefore(query.from())) {
      return false;
    }
    return query.to() == null || entry.recordedAt().isBefore(query.to());
  }

  /** The sort key of one stored event, and the event once it is kept. */
  private record Entry(Instant recordedAt, String aggregateId, long sequence, Document document) {
    static Entry of(Document stored) {
      try {
        return new Entry(
            Instant.parse(stored.getString("recordedAt")),
            String.valueOf(stored.get("aggregateId")),
            StoredEvents.sequenceOf(stored),
            null);
      } catch (RuntimeException e) {
        // Too damaged to place in the order: left out here; the integrity check names it.
        return null;
      }
    }

    Entry withDocument(Document stored) {
      return new Entry(recordedAt, aggregateId, sequence, stored);
    }
  }
}
