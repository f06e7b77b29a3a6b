package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query's answer is encoded for the wire after the collection's lock is released; if it is the
 * stored document itself, a replace that runs meanwhile changes it under the encoder, and the
 * reader gets old fields with the new version number (a torn read, which MongoDB never gives).
 */
class SnapshotMemoryBackendTest {

  @Test
  void a_document_read_is_not_changed_by_a_later_replace() {
    SnapshotMemoryBackend backend = new SnapshotMemoryBackend();
    try {
      MongoCollection<?> collection =
          backend.openOrCreateDatabase("db").createCollectionOrThrowIfExists("wards");
      collection.addDocument(new Document("_id", "AOBA").append("open", 27).append("v", 363));

      List<Document> answered =
          collection
              .handleQuery(new QueryParameters(new Document("_id", "AOBA"), 0, 0))
              .collectDocuments();
      // Another connection replaces the document before the first answer is encoded.
      collection.updateDocuments(
          new Document("_id", "AOBA").append("v", 363),
          new Document("_id", "AOBA").append("open", 28).append("v", 364),
          ArrayFilters.empty(),
          false,
          false,
          NoopOplog.get());

      assertThat(answered)
          .containsExactly(new Document("_id", "AOBA").append("open", 27).append("v", 363));
      assertThat(
              collection
                  .handleQuery(new QueryParameters(new Document("_id", "AOBA"), 0, 0))
                  .collectDocuments())
          .containsExactly(new Document("_id", "AOBA").append("open", 28).append("v", 364));
    } finally {
      backend.close();
    }
  }

  @Test
  void find_and_modify_still_changes_the_stored_document() {
    SnapshotMemoryBackend backend = new SnapshotMemoryBackend();
    try {
      MongoCollection<?> collection =
          backend.openOrCreateDatabase("db").createCollectionOrThrowIfExists("counters");
      collection.addDocument(new Document("_id", "redrive").append("next", 1));

      collection.findAndModify(
          new Document("query", new Document("_id", "redrive"))
              .append("update", new Document("$inc", new Document("next", 1))));

      assertThat(
              collection
                  .handleQuery(new QueryParameters(new Document("_id", "redrive"), 0, 0))
                  .collectDocuments())
          .containsExactly(new Document("_id", "redrive").append("next", 2));
    } finally {
      backend.close();
    }
  }
}
