package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackInfraOnlyIT {

  @TempDir Path dataDir;

  @Test
  void infra_only_stack_keeps_topics_and_documents_in_its_data_directory_across_restarts()
      throws Exception {
    int kafkaPort = freePort();
    int mongoPort = freePort();
    String[] args = {
      "--infra-only",
      "--data-dir=" + dataDir,
      "--kafka-port=" + kafkaPort,
      "--mongo-port=" + mongoPort
    };

    try (LocalStack stack =
        LocalStack.start(LocalStackSettings.parse(args, Map.of()), System.out)) {
      assertThat(stack.kafkaBootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
      try (Admin admin = admin(stack)) {
        admin
            .createTopics(List.of(new NewTopic("coordination.events", 6, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
        client
            .getDatabase("coordination")
            .getCollection("c")
            .insertOne(new Document("_id", "kept"));
      }
    }

    try (LocalStack stack =
        LocalStack.start(LocalStackSettings.parse(args, Map.of()), System.out)) {
      try (Admin admin = admin(stack)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains("coordination.events");
      }
      try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
        assertThat(client.getDatabase("coordination").getCollection("c").countDocuments())
            .isEqualTo(1);
      }
    }
    assertThat(dataDir.resolve("kafka/meta.properties")).exists();
    assertThat(dataDir.resolve("mongo.mv")).exists();
  }

  private static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
  }

  static int freePort() throws Exception {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
