package jp.coordination.command.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The append-only log of reads of personal data ({@code access_records}). Nothing here updates or
 * deletes; the {@code _id} starts with the time in milliseconds, so a time range is an {@code _id}
 * range.
 */
public final class AccessRecords {

  /** The collection of read records. */
  public static final String COLLECTION = "access_records";

  private final MongoCollection<Document> records;

  public AccessRecords(MongoCollection<Document> records) {
    this.records = records;
  }

  /** A time-ordered id for a record made at this time. */
  public static String newId(Instant at) {
    return String.format("%013d-%s", at.toEpochMilli(), UUID.randomUUID());
  }

  /** Appends records; fails loudly, so that data is not shown unless its reading is recorded. */
  public void append(List<AccessRecord> toAppend) {
    if (toAppend.isEmpty()) {
      return;
    }
    List<Document> documents = new ArrayList<>(toAppend.size());
    for (AccessRecord record : toAppend) {
      documents.add(
          new Document("_id", record.id())
              .append("at", record.at().toString())
              .append("who", record.who())
              .append("whoName", record.whoName())
              .append("role", record.role())
              .append("recordType", record.recordType())
              .append("recordId", record.recordId())
              .append("purpose", record.purpose())
              .append("endpoint", record.endpoint())
              .append("correlationId", record.correlationId()));
    }
    records.insertMany(documents);
  }

  /** One page of records. */
  public record Page(int page, int size, long total, List<AccessRecord> records) {}

  /**
   * The records made in {@code [from, to)} (either may be null), optionally of one user, oldest
   * first.
   */
  public Page list(Instant from, Instant to, String actor, int page, int size) {
    List<Bson> range = new ArrayList<>();
    if (from != null) {
      range.add(Filters.gte("_id", String.format("%013d", from.toEpochMilli())));
    }
    if (to != null) {
      range.add(Filters.lt("_id", String.format("%013d", to.toEpochMilli())));
    }
    Bson filter = range.isEmpty() ? new Document() : Filters.and(range);
    long skip = (long) page * size;
    long total = 0;
    List<AccessRecord> selected = new ArrayList<>(size);
    for (Document document : records.find(filter).sort(Sorts.ascending("_id")).batchSize(500)) {
      if (actor != null && !actor.equals(document.getString("who"))) {
        continue;
      }
      if (total >= skip && selected.size() < size) {
        selected.add(fromDocument(document));
      }
      total++;
    }
    return new Page(page, size, total, selected);
  }

  private static AccessRecord fromDocument(Document document) {
    return new AccessRecord(
        document.getString("_id"),
        Instant.parse(document.getString("at")),
        document.getString("who"),
        document.getString("whoName"),
        document.getString("role"),
        document.getString("recordType"),
        document.getString("recordId"),
        document.getString("purpose"),
        document.getString("endpoint"),
        document.getString("correlationId"));
  }
}
