package jp.coordination.query.personaldata;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import jp.coordination.platform.security.Actor;
import org.bson.Document;

/**
 * Records every read of a household's personal data (閲覧記録) in the same append-only {@code
 * access_records} collection, and the same format, as the command-service's audit trail
 * (docs/AUDIT.md, "Read records"), so auditors see every read in one place: {@code GET
 * /api/audit/access}. The collection lives in the command side's database, beside the key store
 * this service already reads; it never updates or deletes a record.
 */
public final class ReadRecords {

  /** The collection shared with the command-service's audit trail. */
  public static final String COLLECTION = "access_records";

  private final MongoCollection<Document> records;
  private final Clock clock;

  public ReadRecords(MongoCollection<Document> records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  /**
   * Records one read before the data is returned; a failed write fails the request, so data is
   * never shown without its reading being recorded. The reader is kept by stable id ({@code who})
   * and by the display name at the time of the read ({@code whoName}).
   */
  public void record(
      Actor reader,
      String recordType,
      String recordId,
      String purpose,
      String endpoint,
      String correlationId) {
    Instant at = clock.instant();
    records.insertOne(
        new Document("_id", String.format("%013d-%s", at.toEpochMilli(), UUID.randomUUID()))
            .append("at", at.toString())
            .append("who", reader.name())
            .append("whoName", reader.displayName())
            .append("role", reader.role())
            .append("recordType", recordType)
            .append("recordId", recordId)
            .append("purpose", purpose)
            .append("endpoint", endpoint)
            .append("correlationId", correlationId));
  }
}
