package jp.coordination.command.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** The collections of the event store and its publication, in the service's database. */
public record EventStreamCollections(MongoDatabase database) {

  /**
   * The pending-publication markers of the layout before the promise moved onto the stream
   * documents; read only to move what is left there onto its streams.
   */
  public static final String PUBLICATION_PENDING = "publication_pending";

  public MongoCollection<Document> streams() {
    return database.getCollection(StoredEvents.STREAMS);
  }

  public MongoCollection<Document> publicationPending() {
    return database.getCollection(PUBLICATION_PENDING);
  }
}
