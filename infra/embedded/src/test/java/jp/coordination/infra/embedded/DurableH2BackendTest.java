package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableH2BackendTest {

  @Test
  void writes_and_unknown_commands_wait_for_durability_and_reads_do_not() {
    for (String write :
        List.of(
            "insert",
            "update",
            "delete",
            "findAndModify",
            "findandmodify",
            "createIndexes",
            "dropIndexes",
            "drop",
            "dropDatabase",
            "create",
            "renameCollection",
            "someFutureCommand")) {
      assertThat(DurableH2Backend.mayWrite(write, new Document())).as(write).isTrue();
    }
    for (String read :
        List.of(
            "find",
            "getMore",
            "count",
            "distinct",
            "listCollections",
            "listIndexes",
            "hello",
            "isMaster",
            "ping",
            "buildInfo",
            "endSessions")) {
      assertThat(DurableH2Backend.mayWrite(read, new Document())).as(read).isFalse();
    }
  }

  @Test
  void an_aggregation_writes_only_with_an_out_or_merge_stage() {
    Document match = new Document("$match", new Document("ward", "AOBA"));
    assertThat(DurableH2Backend.mayWrite("aggregate", new Document("pipeline", List.of(match))))
        .isFalse();
    assertThat(
            DurableH2Backend.mayWrite(
                "aggregate", new Document("pipeline", List.of(match, new Document("$out", "x")))))
        .isTrue();
    assertThat(
            DurableH2Backend.mayWrite(
                "aggregate", new Document("pipeline", List.of(new Document("$merge", "x")))))
        .isTrue();
  }

  @Test
  void a_document_read_is_not_changed_by_a_later_replace(@TempDir Path dir) {
    DurableH2Backend backend = new DurableH2Backend(dir.resolve("store.mv").toString());
    try {
      MongoCollection<?> collection =
          backend.resolveDatabase("db").createCollectionOrThrowIfExists("wards");
      collection.addDocument(new Document("_id", "AOBA").append("open", 27).append("v", 363));

      List<Document> answered = find(collection, "AOBA");
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
      assertThat(find(collection, "AOBA"))
          .containsExactly(new Document("_id", "AOBA").append("open", 28).append("v", 364));
    } finally {
      backend.close();
    }
  }

  @Test
  void find_and_modify_still_changes_the_stored_document_and_it_survives_a_reopen(
      @TempDir Path dir) {
    String file = dir.resolve("store.mv").toString();
    DurableH2Backend backend = new DurableH2Backend(file);
    try {
      MongoCollection<?> collection =
          backend.resolveDatabase("db").createCollectionOrThrowIfExists("counters");
      collection.addDocument(new Document("_id", "redrive").append("next", 1));
      collection.findAndModify(
          new Document("query", new Document("_id", "redrive"))
              .append("update", new Document("$inc", new Document("next", 1))));
      assertThat(find(collection, "redrive"))
          .containsExactly(new Document("_id", "redrive").append("next", 2));
    } finally {
      backend.close();
    }

    DurableH2Backend reopened = new DurableH2Backend(file);
    try {
      MongoDatabase database = reopened.resolveDatabase("db");
      assertThat(find(database.resolveCollection("counters", true), "redrive"))
          .containsExactly(new Document("_id", "redrive").append("next", 2));
    } finally {
      reopened.close();
    }
  }

  private static List<Document> find(MongoCollection<?> collection, String id) {
    return collection
        .handleQuery(new QueryParameters(new Document("_id", id), 0, 0))
        .collectDocuments();
  }
}
