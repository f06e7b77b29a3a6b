package jp.coordination.infra.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What the local stack starts and where. A command-line flag wins over the environment variable,
 * which wins over the default.
 *
 * @param dataDir where the broker's logs ({@code kafka/}) and the MongoDB file ({@code mongo.mv})
 *     live
 * @param servicesDir where {@code command-service.jar} and {@code query-service.jar} are
 * @param infraOnly start the broker and the stand-in only, for developers running the services from
 *     their IDE
 * @param demo once both services are ready, load the demo fiscal year (FY2024) unless it is already
 *     loaded
 * @param mongoInMemory keep MongoDB's data in memory only (lost at stop): for throwaway runs and
 *     benchmarks
 * @param only with {@code infraOnly}, start just {@code kafka} or just {@code mongo} (each can then
 *     be killed and restarted alone, as the fault suite does); empty for both
 * @param instances how many command-services and how many query-services to start on the one broker
 *     and store; the n-th (from 0) of each listens on its first port plus 2n, so 2 instances are
 *     8081/8083 and 8082/8084
 * @param commandManagementPort the management port (metrics, actuator) of the first
 *     command-service; the n-th's is this plus 2n, like its service port
 * @param queryManagementPort the management port of the first query-service; the n-th's is this
 *     plus 2n
 * @param region the region definition both services use (a file, or a classpath resource such as
 *     {@code regions/sennan.json}, the wide-area example); empty for the built-in Sendai
 */
public record LocalStackSettings(
    Path dataDir,
    int kafkaPort,
    int mongoPort,
    int commandServicePort,
    int queryServicePort,
    Path servicesDir,
    boolean infraOnly,
    boolean demo,
    boolean mongoInMemory,
    String only,
    int instances,
    int commandManagementPort,
    int queryManagementPort,
    String region) {

  /**
   * The default management ports: 9181 and 9182, counting up by two per instance like the service
   * ports. Not 9081/9082: from the sixth instance on, those would reach Kafka's 9092 and 9093.
   */
  static final int DEFAULT_COMMAND_MANAGEMENT_PORT = 9181;

  static final int DEFAULT_QUERY_MANAGEMENT_PORT = 9182;

  /** Reads the flags and the environment. */
  public static LocalStackSettings parse(String[] args, Map<String, String> env) {
    LocalStackOptions options = new LocalStackOptions();
    try {
      LocalStackOptions.commandLine(options).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return from(options, env);
  }

  /** The settings from the flags given, then the environment, then the defaults. */
  static LocalStackSettings from(LocalStackOptions flags, Map<String, String> env) {
    String infraOnlyText =
        flags.infraOnly != null ? flags.infraOnly : env.getOrDefault("INFRA_ONLY", "false");
    boolean demo =
        flags.demo != null ? flags.demo : Boolean.parseBoolean(env.getOrDefault("DEMO", "false"));
    boolean mongoInMemory =
        flags.mongoInMemory != null
            ? flags.mongoInMemory
            : Boolean.parseBoolean(env.getOrDefault("MONGO_IN_MEMORY", "false"));
    String only =
        switch (infraOnlyText.trim()) {
          case "kafka", "mongo" -> infraOnlyText.trim();
          case "true", "false", "" -> "";
          default ->
              throw new IllegalArgumentException(
                  "--infra-only / INFRA_ONLY is true, kafka or mongo, not " + infraOnlyText);
        };
    boolean infraOnly = !only.isEmpty() || infraOnlyText.trim().equals("true");
    Path dataDir = Path.of(value(flags.dataDir, env, "DATA_DIR", "data"));
    Path servicesDir =
        Path.of(value(flags.servicesDir, env, "SERVICES_DIR", defaultServicesDir().toString()));
    LocalStackSettings settings =
        new LocalStackSettings(
            dataDir,
            port(flags.kafkaPort, "kafka-port", env, "KAFKA_PORT", 9092),
            port(flags.mongoPort, "mongo-port", env, "MONGO_PORT", 27017),
            port(flags.commandPort, "command-port", env, "COMMAND_SERVICE_PORT", 8081),
            port(flags.queryPort, "query-port", env, "QUERY_SERVICE_PORT", 8082),
            servicesDir,
            infraOnly,
            demo && !infraOnly,
            mongoInMemory,
            only,
            instances(value(flags.instances, env, "INSTANCES", "1")),
            port(
                flags.commandManagementPort,
                "command-management-port",
                env,
                "COMMAND_MANAGEMENT_PORT",
                DEFAULT_COMMAND_MANAGEMENT_PORT),
            port(
                flags.queryManagementPort,
                "query-management-port",
                env,
                "QUERY_MANAGEMENT_PORT",
                DEFAULT_QUERY_MANAGEMENT_PORT),
            value(flags.region, env, "REGION_FILE", "").trim());
    if (settings.demo() && !settings.region().isEmpty()) {
      throw new IllegalArgumentException(
          "--demo loads Sendai's demo year: it cannot be combined with --region");
    }
    int last = settings.instances() - 1;
    for (int port :
        List.of(
            settings.commandServicePort(last), settings.queryServicePort(last),
            settings.commandManagementPort(last), settings.queryManagementPort(last))) {
      if (port > 65535) {
        throw new IllegalArgumentException(
            "--instances=" + settings.instances() + " needs port " + port + ", above 65535");
      }
    }
    settings.listeningPorts(); // refuses two listeners on one port
    return settings;
  }

  /** The port of the n-th (from 0) command-service: the configured one plus 2n. */
  public int commandServicePort(int instance) {
    return commandServicePort + 2 * instance;
  }

  /** The port of the n-th (from 0) query-service: the configured one plus 2n. */
  public int queryServicePort(int instance) {
    return queryServicePort + 2 * instance;
  }

  /**
   * The management port (metrics, actuator) of the n-th (from 0) command-service: the configured
   * one plus 2n.
   */
  public int commandManagementPort(int instance) {
    return commandManagementPort + 2 * instance;
  }

  /** The management port of the n-th (from 0) query-service: the configured one plus 2n. */
  public int queryManagementPort(int instance) {
    return queryManagementPort + 2 * instance;
  }

  /**
   * Every port this launcher will listen on, with its owner and the option that sets it, in start
   * order; the broker's controller port is picked free at start and not listed.
   *
   * @throws IllegalArgumentException when two owners would share a port
   */
  public Map<Integer, PortOwner> listeningPorts() {
    Map<Integer, PortOwner> owners = new LinkedHashMap<>();
    if (startsMongo()) {
      claim(owners, mongoPort, new PortOwner("the MongoDB stand-in", "--mongo-port"));
    }
    if (startsKafka()) {
      claim(owners, kafkaPort, new PortOwner("Kafka", "--kafka-port"));
    }
    if (infraOnly) {
      return owners;
    }
    for (int n = 0; n < instances; n++) {
      String suffix = n == 0 ? "" : "-" + (n + 1);
      claim(
          owners,
          commandServicePort(n),
          new PortOwner("command-service" + suffix, "--command-port"));
      claim(owners, queryServicePort(n), new PortOwner("query-service" + suffix, "--query-port"));
      claim(
          owners,
          commandManagementPort(n),
          new PortOwner("command-service" + suffix + " (management)", "--command-management-port"));
      claim(
          owners,
          queryManagementPort(n),
          new PortOwner("query-service" + suffix + " (management)", "--query-management-port"));
    }
    return owners;
  }

  /** Who listens on a port, and the option that moves it. */
  public record PortOwner(String name, String option) {}

  private static void claim(Map<Integer, PortOwner> owners, int port, PortOwner owner) {
    if (port == 0) {
      return; // picked free at start
    }
    PortOwner before = owners.putIfAbsent(port, owner);
    if (before != null) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " would be both "
              + before.name()
              + "'s and "
              + owner.name()
              + "'s: choose other ports (--help)");
    }
  }

  /** Whether this launcher runs the Kafka broker. */
  public boolean startsKafka() {
    return !only.equals("mongo");
  }

  /** Whether this launcher runs the MongoDB stand-in. */
  public boolean startsMongo() {
    return !only.equals("kafka");
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path mongoFile() {
    return dataDir.resolve("mongo.mv");
  }

  public Path commandServiceJar() {
    return servicesDir.resolve("command-service.jar");
  }

  public Path queryServiceJar() {
    return servicesDir.resolve("query-service.jar");
  }

  private static String value(
      String fromFlag, Map<String, String> env, String variable, String fallback) {
    if (fromFlag != null) {
      return fromFlag;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
  }

  private static int instances(String text) {
    try {
      int instances = Integer.parseInt(text.trim());
      if (instances < 1 || instances > 16) {
        throw new NumberFormatException();
      }
      return instances;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--instances / INSTANCES must be a number from 1 to 16, not " + text);
    }
  }

  private static int port(
      String fromFlag, String flag, Map<String, String> env, String variable, int fallback) {
    String text = value(fromFlag, env, variable, String.valueOf(fallback));
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " / " + variable + " must be a port number, not " + text);
    }
  }

  // Run as `java -jar .../target/local-stack-exec.jar`, the services were copied beside the jar at
  // package time; run
  // from the repository root by other means, they are where the build puts them.
  private static Path defaultServicesDir() {
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
      Path besideJar = Path.of(classPath).toAbsolutePath().getParent().resolve("services");
      if (Files.isDirectory(besideJar)) {
        return besideJar;
      }
    }
    return Path.of("infra", "stack", "target", "services");
  }
}
