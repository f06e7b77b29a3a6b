package jp.coordination.platform.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterType;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class MongoReadinessTest {

  private static ServerDescription server(String host, ServerType type) {
    return ServerDescription.builder()
        .address(new ServerAddress(host, 27017))
        .state(ServerConnectionState.CONNECTED)
        .ok(true)
        .type(type)
        .build();
  }

  private static ServerDescription unreachable(String host) {
    return ServerDescription.builder()
        .address(new ServerAddress(host, 27017))
        .state(ServerConnectionState.CONNECTING)
        .type(ServerType.UNKNOWN)
        .exception(
            new MongoSocketOpenException(
                "Exception opening socket",
                new ServerAddress(host, 27017),
                new IOException("Connection refused")))
        .build();
  }

  @Test
  void a_store_with_a_writable_server_is_ready() {
    ClusterDescription standalone =
        new ClusterDescription(
            ClusterConnectionMode.SINGLE,
            ClusterType.STANDALONE,
            List.of(server("store", ServerType.STANDALONE)));

    Health health = new MongoReadiness(() -> standalone).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("cluster", "STANDALONE")
        .doesNotContainKey("error");
    assertThat(health.getDetails().get("servers").toString()).contains("store:27017");
  }

  @Test
  void a_store_the_driver_cannot_reach_is_not_ready_and_says_why() {
    ClusterDescription gone =
        new ClusterDescription(
            ClusterConnectionMode.SINGLE, ClusterType.UNKNOWN, List.of(unreachable("store")));

    Health health = new MongoReadiness(() -> gone).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("error").toString()).contains("Exception opening socket");
  }

  @Test
  void a_replica_set_without_a_primary_is_not_ready_though_a_secondary_answers() {
    ClusterDescription noPrimary =
        new ClusterDescription(
            ClusterConnectionMode.MULTIPLE,
            ClusterType.REPLICA_SET,
            List.of(server("a", ServerType.REPLICA_SET_SECONDARY), unreachable("b")));

    Health health = new MongoReadiness(() -> noPrimary).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("cluster", "REPLICA_SET");
  }

  @Test
  void a_probe_never_waits_for_the_store() {
    // Nothing listens on port 1: a ping would wait for server selection (30 s by default).
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:1")) {
      MongoReadiness readiness = new MongoReadiness(client::getClusterDescription);
      long start = System.nanoTime();

      Health health = readiness.health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    }
  }
}
