package jp.coordination.platform.readiness;

import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Up while the driver knows a server it can write to. It asks the driver's own view of the cluster
 * ({@code MongoClient.getClusterDescription()}), which the driver's monitor keeps current by its
 * heartbeats and which any failed operation invalidates at once, so a probe never waits on the
 * network: a store that stopped answering is noticed within one heartbeat ({@code
 * heartbeatFrequencyMS}, 10 s by default) or at the service's next failed operation, whichever
 * comes first. Both services write (events, read models), so a readable-only secondary is not
 * enough.
 */
public final class MongoReadiness implements HealthIndicator {
  private final Supplier<ClusterDescription> cluster;

  /**
   * @param cluster the driver's current view, e.g. {@code client::getClusterDescription}
   */
  public MongoReadiness(Supplier<ClusterDescription> cluster) {
    this.cluster = cluster;
  }

  @Override
  public Health health() {
    ClusterDescription description = cluster.get();
    Health.Builder health = description.hasWritableServer() ? Health.up() : Health.down();
    health.withDetail("cluster", description.getType().name());
    Map<String, String> servers = new LinkedHashMap<>();
    for (ServerDescription server : description.getServerDescriptions()) {
      servers.put(server.getAddress().toString(), server.getState() + " " + server.getType());
      if (server.getException() != null && !description.hasWritableServer()) {
        health.withDetail("error", server.getException().toString());
      }
    }
    health.withDetail("servers", servers);
    if (description.getSrvResolutionException() != null) {
      health.withDetail("error", description.getSrvResolutionException().toString());
    }
    return health.build();
  }
}
