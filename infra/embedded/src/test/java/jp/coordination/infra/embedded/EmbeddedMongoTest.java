package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

  @TempDir Path dir;

  @Test
  void file_backed_mongo_keeps_documents_and_unique_indexes_across_a_restart() {
    Path file = dir.resolve("data/mongo.mv");
    int port;
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      port = mongo.port();
      MongoCollection<Document> households =
          client.getDatabase("coordination").getCollection("households");
      households.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true));
      households.insertOne(
          new Document("_id", "h-1").append("externalId", "x-1").append("ward", "AOBA"));
    }
    assertThat(file).exists();

    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, port);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(mongo.port()).isEqualTo(port);
      MongoCollection<Document> households =
          client.getDatabase("coordination").getCollection("households");
      assertThat(households.find(new Document("_id", "h-1")).first()).containsEntry("ward", "AOBA");
      assertThatThrownBy(
              () -> households.insertOne(new Document("_id", "h-2").append("externalId", "x-1")))
          .isInstanceOf(MongoWriteException.class);
    }
  }

  @Test
  void an_acknowledged_write_is_in_the_file_before_the_answer_so_a_killed_process_keeps_it()
      throws Exception {
    Path file = dir.resolve("live/mongo.mv");
    Path crashImage = dir.resolve("crash/mongo.mv");
    int writers = 4;
    int perWriter = 50;
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> events =
          client.getDatabase("coordination").getCollection("event_streams");
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    events.insertOne(new Document("_id", writer + "-" + i).append("version", 1));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      // The file as it is now, with the server still running: what a SIGKILL would leave behind.
      // The store's
      // background writer would commit these documents within a second; the copy is taken well
      // before that.
      Files.createDirectories(crashImage.getParent());
      Files.copy(file, crashImage);
      assertThat(mongo.durableWrites())
          .get()
          .satisfies(stats -> assertThat(stats.flushes()).isPositive());
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(crashImage, 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(client.getDatabase("coordination").getCollection("event_streams").countDocuments())
          .isEqualTo(writers * perWriter);
    }
  }

  @Test
  void a_find_read_in_batches_returns_every_document_once() {
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(dir.resolve("batches/mongo.mv"), 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> views =
          client.getDatabase("coordination_query").getCollection("views");
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < 1234; i++) {
        documents.add(new Document("_id", String.format("v-%04d", i)).append("sequence", i));
      }
      views.insertMany(documents);
      for (int batch : new int[] {8, 101, 500}) {
        List<String> seen = new ArrayList<>();
        for (Document view : views.find().batchSize(batch)) {
          seen.add(view.getString("_id"));
        }
        assertThat(seen).as("batch size %d", batch).hasSize(1234).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void in_memory_mongo_listens_on_a_free_loopback_port() {
    try (EmbeddedMongo first = EmbeddedMongo.inMemory();
        EmbeddedMongo second = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(first.connectionString())) {
      assertThat(first.connectionString()).isEqualTo("mongodb://127.0.0.1:" + first.port());
      assertThat(second.port()).isNotEqualTo(first.port());
      client.getDatabase("t").getCollection("c").insertOne(new Document("_id", 1));
      assertThat(client.getDatabase("t").getCollection("c").countDocuments()).isEqualTo(1);
    }
  }
}
