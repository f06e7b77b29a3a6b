package jp.coordination.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command-service and a query-service started from their packaged jars on free ports, as the
 * end-to-end tests run them: the local profile (demo users, development master key), management
 * ports of their own, one topic and store.
 */
final class ServicesUnderTest {
  private static final Path SERVICES = Path.of("target", "services");

  private ServicesUnderTest() {}

  /** The started pair. */
  record Started(ServiceProcess command, ServiceProcess query) {}

  /**
   * The services' environment; callers may add to it (a region file, say) before {@link #start}.
   *
   * @param groupPrefix the consumer group is this followed by the topic
   */
  static Map<String, String> environment(
      String commandMongoUri,
      String queryMongoUri,
      String bootstrapServers,
      String topic,
      String groupPrefix) {
    Map<String, String> env = new HashMap<>();
    env.put("MONGODB_URI", commandMongoUri);
    env.put("QUERY_MONGODB_URI", queryMongoUri);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("KAFKA_TOPIC", topic);
    env.put("KAFKA_CONSUMER_GROUP", groupPrefix + topic);
    env.put("DEMO_USERS_ENABLED", "true");
    // The demo users and the development master key exist only in the local profile.
    env.put("SPRING_PROFILES_ACTIVE", LocalStack.LOCAL_PROFILE);
    env.put("COMMAND_MANAGEMENT_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("QUERY_MANAGEMENT_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    // The lines a log platform gets (the services' default, set whatever the caller's environment
    // says), which the
    // scenario scans for personal data.
    env.put("LOG_FORMAT", "ecs");
    env.put("COMMAND_SERVICE_PORT", String.valueOf(EndToEndScenario.freePort()));
    env.put("QUERY_SERVICE_PORT", String.valueOf(EndToEndScenario.freePort()));
    return env;
  }

  /**
   * Starts the command-service, which creates the topic, and once it is ready the query-service, so
   * that it subscribes to a topic that exists. Each process is added to {@code started} as soon as
   * it runs, so that the caller stops it even when the other fails to start.
   */
  static Started start(
      Map<String, String> env, Class<?> test, Duration readyTimeout, List<ServiceProcess> started) {
    Path logs = Path.of("target", "e2e-logs", test.getSimpleName());
    ServiceProcess command =
        ServiceProcess.startLoggingTo(
            "command-service",
            SERVICES.resolve("command-service.jar"),
            Integer.parseInt(env.get("COMMAND_SERVICE_PORT")),
            LocalStack.SERVICE_JVM_OPTIONS,
            env,
            logs.resolve("command-service.log"));
    started.add(command);
    command.awaitReady(readyTimeout);
    ServiceProcess query =
        ServiceProcess.startLoggingTo(
            "query-service",
            SERVICES.resolve("query-service.jar"),
            Integer.parseInt(env.get("QUERY_SERVICE_PORT")),
            LocalStack.SERVICE_JVM_OPTIONS,
            env,
            logs.resolve("query-service.log"));
    started.add(query);
    query.awaitReady(readyTimeout);
    return new Started(command, query);
  }
}
