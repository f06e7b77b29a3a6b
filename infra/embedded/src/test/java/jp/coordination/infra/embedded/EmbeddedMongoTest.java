package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
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
      MongoCollection<Document> households = client.getDatabase("coordination").getCollection("households");
      households.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true));
      households.insertOne(new Document("_id", "h-1").append("externalId", "x-1").append("ward", "AOBA"));
    }
    assertThat(file).exists();

    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, port);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(mongo.port()).isEqualTo(port);
      MongoCollection<Document> households = client.getDatabase("coordination").getCollection("households");
      assertThat(households.find(new Document("_id", "h-1")).first()).containsEntry("ward", "AOBA");
      assertThatThrownBy(() -> households.insertOne(new Document("_id", "h-2").append("externalId", "x-1")))
          .isInstanceOf(MongoWriteException.class);
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
