package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable stand-in's unique indexes, whose keys H2 orders by {@link IndexKeyType}. */
class StandInUniqueIndexTest {

  @TempDir Path dir;

  @Test
  void a_file_written_with_mongo_java_servers_own_index_maps_opens_with_every_key() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo former = EmbeddedMongo.fileBackedWithoutDurableWrites(file, 0)) {
      use(
          former,
          streams -> {
            streams.createIndex(
                Indexes.ascending("pending"), new IndexOptions().unique(true).sparse(true));
            for (int i = 0; i < 500; i++) {
              Document stream = new Document("_id", "s-" + i).append("version", i);
              if (i % 100 == 0) {
                stream.append("pending", "s-" + i);
              }
              streams.insertOne(stream);
            }
          });
    }
    assertThat(mapNames(file)).anyMatch(name -> name.contains("._index_"));

    try (EmbeddedMongo durable = EmbeddedMongo.fileBacked(file, 0)) {
      use(
          durable,
          streams -> {
            assertThat(streams.find(Filters.eq("_id", "s-377")).first())
                .containsEntry("version", 377);
            assertThat(pending(streams))
                .containsExactlyInAnyOrder("s-0", "s-100", "s-200", "s-300", "s-400");
            assertThatThrownBy(() -> streams.insertOne(new Document("_id", "s-42")))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(
                    () ->
                        streams.insertOne(new Document("_id", "s-new").append("pending", "s-300")))
                .isInstanceOf(MongoWriteException.class);
            streams.insertOne(new Document("_id", "s-500").append("pending", "s-500"));
          });
    }
    assertThat(mapNames(file)).noneMatch(name -> name.contains("._index_"));

    try (EmbeddedMongo reopened = EmbeddedMongo.fileBacked(file, 0)) {
      use(
          reopened,
          streams -> {
            assertThat(streams.countDocuments()).isEqualTo(501);
            assertThat(pending(streams)).hasSize(6).contains("s-500");
            assertThatThrownBy(() -> streams.insertOne(new Document("_id", "s-0")))
                .isInstanceOf(MongoWriteException.class);
          });
    }
  }

  @Test
  void keys_equal_only_in_value_of_another_type_stay_distinct_and_equal_keys_collide() {
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(dir.resolve("mongo.mv"), 0)) {
      use(
          mongo,
          streams -> {
            streams.createIndex(Indexes.ascending("ward", "seq"), new IndexOptions().unique(true));
            streams.insertOne(new Document("_id", "1").append("ward", "AOBA").append("seq", 1));
            streams.insertOne(new Document("_id", 1).append("ward", "AOBA").append("seq", "1"));
            streams.insertOne(new Document("_id", 1L << 40).append("ward", "AOBA"));
            streams.insertOne(
                new Document("_id", new Document("ward", "AOBA")).append("ward", "IZUMI"));
            assertThat(streams.countDocuments()).isEqualTo(4);

            assertThatThrownBy(() -> streams.insertOne(new Document("_id", "1")))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> streams.insertOne(new Document("_id", 1)))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(
                    () -> streams.insertOne(new Document("_id", new Document("ward", "AOBA"))))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(
                    () ->
                        streams.insertOne(
                            new Document("_id", "2").append("ward", "AOBA").append("seq", 1)))
                .isInstanceOf(MongoWriteException.class);
            assertThat(streams.find(Filters.eq("_id", new Document("ward", "AOBA"))).first())
                .containsEntry("ward", "IZUMI");
          });
    }
  }

  @Test
  void a_renamed_collection_keeps_its_unique_index_across_a_restart() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0)) {
      use(
          mongo,
          streams -> {
            oneHouseholdUniqueByExternalId(streams);
            streams.renameCollection(new MongoNamespace("coordination", "households"));
          });
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0)) {
      use(
          mongo,
          "households",
          households -> {
            assertThat(households.find(Filters.eq("_id", "h-1")).first()).isNotNull();
            assertThatThrownBy(
                    () ->
                        households.insertOne(
                            new Document("_id", "h-2").append("externalId", "x-1")))
                .isInstanceOf(MongoWriteException.class);
          });
    }
  }

  @Test
  void a_dropped_index_or_collection_leaves_no_index_map_in_the_file() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0)) {
      use(
          mongo,
          streams -> {
            oneHouseholdUniqueByExternalId(streams);
            streams.dropIndex(Indexes.ascending("externalId"));
            streams.insertOne(new Document("_id", "h-2").append("externalId", "x-1"));
          });
    }
    assertThat(mapNames(file)).noneMatch(name -> name.contains("externalId"));

    try (EmbeddedMongo mongo = EmbeddedMongo.fileBacked(file, 0)) {
      use(mongo, MongoCollection::drop);
    }
    assertThat(mapNames(file)).noneMatch(name -> name.startsWith("coordination.streams."));
  }

  private static void use(EmbeddedMongo mongo, Consumer<MongoCollection<Document>> work) {
    use(mongo, "streams", work);
  }

  private static void use(
      EmbeddedMongo mongo, String collection, Consumer<MongoCollection<Document>> work) {
    try (MongoClient client = MongoClients.create(mongo.connectionString())) {
      work.accept(client.getDatabase("coordination").getCollection(collection));
    }
  }

  private static void oneHouseholdUniqueByExternalId(MongoCollection<Document> collection) {
    collection.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true));
    collection.insertOne(new Document("_id", "h-1").append("externalId", "x-1"));
  }

  private static List<String> pending(MongoCollection<Document> streams) {
    List<String> ids = new ArrayList<>();
    streams
        .find(Filters.regex("pending", Pattern.compile("^")))
        .forEach(stream -> ids.add(stream.getString("_id")));
    return ids;
  }

  private static Set<String> mapNames(Path file) {
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      return Set.copyOf(store.getMapNames());
    } finally {
      store.close();
    }
  }
}
