package jp.coordination.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.List;
import jp.coordination.command.personaldata.ErasureSchedule.Entry;
import jp.coordination.command.personaldata.ErasureSchedule.Requester;
import jp.coordination.command.personaldata.ErasureSchedule.Trigger;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The erasure schedule in MongoDB keeps who asked for an erasure, and reads entries written before
 * it did.
 */
class MongoErasureScheduleIT {
  private static final Instant AT = Instant.parse("2026-06-02T03:00:00Z");

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stop() {
    client.close();
    mongo.close();
  }

  private static MongoCollection<Document> collection() {
    return client
        .getDatabase("schedule_" + System.nanoTime())
        .getCollection(MongoErasureSchedule.COLLECTION);
  }

  @Test
  void an_entry_keeps_who_asked_for_the_erasure_and_an_entry_of_the_retention_period_nobody() {
    MongoErasureSchedule schedule = new MongoErasureSchedule(collection());
    Requester requester =
        new Requester("aoba-coordinator", List.of("ROLE_COORDINATOR", "WARD:AOBA"));
    Entry asked = new Entry("h-1", Trigger.ERASURE, "c-1", AT, AT, requester);
    Entry retention = new Entry("h-2", Trigger.DEREGISTRATION, "c-2", AT, AT.minusSeconds(60));

    schedule.put(asked);
    schedule.put(retention);

    assertThat(schedule.dueAt(AT)).containsExactlyInAnyOrder(asked, retention);
  }

  @Test
  void an_entry_written_before_requesters_were_kept_reads_as_nobodys_request() {
    MongoCollection<Document> collection = collection();
    collection.insertOne(
        new Document("_id", "h-3/c-3")
            .append("householdId", "h-3")
            .append("trigger", "ERASURE")
            .append("commandId", "c-3")
            .append("dueAt", java.util.Date.from(AT))
            .append("scheduledAt", java.util.Date.from(AT)));

    assertThat(new MongoErasureSchedule(collection).dueAt(AT))
        .containsExactly(new Entry("h-3", Trigger.ERASURE, "c-3", AT, AT));
  }
}
