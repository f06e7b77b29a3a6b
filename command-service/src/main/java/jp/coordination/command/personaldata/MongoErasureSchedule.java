package jp.coordination.command.personaldata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * {@link ErasureSchedule} in MongoDB. Writes are by {@code _id}; {@link #dueAt} scans the whole
 * small collection and filters in Java, which the MongoDB stand-in answers as fast as a real server
 * (it would not use a secondary index on {@code dueAt} anyway).
 */
public final class MongoErasureSchedule implements ErasureSchedule {
  public static final String COLLECTION = "erasure_schedule";

  private final MongoCollection<Document> entries;

  public MongoErasureSchedule(MongoCollection<Document> entries) {
    this.entries = entries;
  }

  @Override
  public void put(Entry entry) {
    Document document =
        new Document("_id", entry.id())
            .append("householdId", entry.householdId())
            .append("trigger", entry.trigger().name())
            .append("commandId", entry.commandId())
            .append("dueAt", Date.from(entry.dueAt()))
            .append("scheduledAt", Date.from(entry.scheduledAt()))
            .append(
                "requester",
                entry.requester() == null
                    ? null
                    : new Document("name", entry.requester().name())
                        .append("authorities", entry.requester().authorities()));
    entries.replaceOne(
        new Document("_id", entry.id()), document, new ReplaceOptions().upsert(true));
  }

  @Override
  public List<Entry> dueAt(Instant now) {
    List<Entry> due = new ArrayList<>();
    for (Document d : entries.find()) {
      Instant dueAt = d.getDate("dueAt").toInstant();
      if (!dueAt.isAfter(now)) {
        due.add(
            new Entry(
                d.getString("householdId"),
                Trigger.valueOf(d.getString("trigger")),
                d.getString("commandId"),
                dueAt,
                d.getDate("scheduledAt").toInstant(),
                requester(d.get("requester", Document.class))));
      }
    }
    return due;
  }

  /** Entries written before requesters were kept have none: they are completed as the system. */
  private static Requester requester(Document requester) {
    if (requester == null) {
      return null;
    }
    return new Requester(
        requester.getString("name"), requester.getList("authorities", String.class, List.of()));
  }

  @Override
  public void remove(Entry entry) {
    entries.deleteOne(new Document("_id", entry.id()));
  }
}
