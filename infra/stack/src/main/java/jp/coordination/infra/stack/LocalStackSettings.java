package jp.coordination.infra.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.File;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the local stack starts and where. A command-line flag wins over the environment variable, which wins over the
 * default.
 *
 * @param dataDir where the broker's logs ({@code kafka/}) and the MongoDB file ({@code mongo.mv}) live
 * @param servicesDir where {@code command-service.jar} and {@code query-service.jar} are
 * @param infraOnly start the broker and the stand-in only, for developers running the services from their IDE
 * @param demo once both services are ready, load the demo fiscal year (FY2024) unless it is already loaded
 * @param mongoInMemory keep MongoDB's data in memory only (lost at stop): for throwaway runs and benchmarks
 * @param only with {@code infraOnly}, start just {@code kafka} or just {@code mongo} (each can then be killed and
 *     restarted alone, as the fault suite does); empty for both
 * @param instances how many command-services and how many query-services to start on the one broker and store; the
 *     n-th (from 0) of each listens on its first port plus 2n, so 2 instances are 8081/8083 and 8082/8084
 * @param commandManagementPort the management port (metrics, actuator) of the first command-service; the n-th's is
 *     this plus 2n, like its service port
 * @param queryManagementPort the management port of the first query-service; the n-th's is this plus 2n
 * @param region the region definition both services use (a file, or a classpath resource such as {@code
 *     regions/sennan.json}, the wide-area example); empty for the built-in Sendai
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
   * The default management ports: 9181 and 9182, counting up by two per instance like the service ports. Not 9081/9082:
   * from the sixth instance on, those would reach Kafka's 9092 and 9093.
   */
  static final int DEFAULT_COMMAND_MANAGEMENT_PORT = 9181;

  static final int DEFAULT_QUERY_MANAGEMENT_PORT = 9182;

  static final String USAGE =
      """
      Usage: ./run-local.sh [options]   (or: java -jar infra/stack/target/local-stack-exec.jar [options])
        --infra-only            start only Kafka and the MongoDB stand-in        (INFRA_ONLY=true)
        --infra-only=kafka      start only the Kafka broker; =mongo only the
                                MongoDB stand-in (one process each, so either
                                can be killed alone)                             (INFRA_ONLY=kafka|mongo)
        --demo                  then load the demo year FY2024 (令和6年度) unless
                                already loaded, and print the dashboard address  (DEMO=true)
        --mongo-in-memory       keep MongoDB's data in memory only, lost at stop
                                (throwaway runs, benchmarks)                     (MONGO_IN_MEMORY=true)
        --data-dir=DIR          broker logs and MongoDB file (default ./data)    (DATA_DIR)
        --kafka-port=PORT       Kafka client port (default 9092)                 (KAFKA_PORT)
        --mongo-port=PORT       MongoDB port (default 27017)                     (MONGO_PORT)
        --command-port=PORT     command-service port (default 8081)              (COMMAND_SERVICE_PORT)
        --query-port=PORT       query-service port (default 8082)                (QUERY_SERVICE_PORT)
        --command-management-port=PORT  command-service metrics and actuator
                                (default 9181; not published)                    (COMMAND_MANAGEMENT_PORT)
        --query-management-port=PORT    query-service metrics and actuator
                                (default 9182; not published)                    (QUERY_MANAGEMENT_PORT)
        --instances=N           start N command-services and N query-services
                                on the same broker and store (default 1); the
                                n-th listens on the ports above plus 2(n-1):
                                --instances=2 is 8081, 8083 and 8082, 8084
                                (management 9181, 9183 and 9182, 9184)           (INSTANCES)
        --region=FILE           the region both services serve: a region file,
                                or regions/sennan.json for the built-in
                                wide-area example (広域設置, nine towns); the
                                demo year is Sendai's (default: Sendai)          (REGION_FILE)
        --services-dir=DIR      where command-service.jar and query-service.jar are
                                (default infra/stack/target/services)            (SERVICES_DIR)
        --help                  this text
      """;

  /** Reads the flags and the environment. */
  public static LocalStackSettings parse(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    String infraOnlyText = env.getOrDefault("INFRA_ONLY", "false");
    boolean demo = Boolean.parseBoolean(env.getOrDefault("DEMO", "false"));
    boolean mongoInMemory = Boolean.parseBoolean(env.getOrDefault("MONGO_IN_MEMORY", "false"));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--infra-only")) {
        infraOnlyText = "true";
        continue;
      }
      if (arg.startsWith("--infra-only=")) {
        infraOnlyText = arg.substring("--infra-only=".length());
        continue;
      }
      if (arg.equals("--demo")) {
        demo = true;
        continue;
      }
      if (arg.equals("--mongo-in-memory")) {
        mongoInMemory = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        flags.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        flags.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for " + arg);
      }
    }
    String only = switch (infraOnlyText.trim()) {
      case "kafka", "mongo" -> infraOnlyText.trim();
      case "true", "false", "" -> "";
      default -> throw new IllegalArgumentException("--infra-only / INFRA_ONLY is true, kafka or mongo, not " + infraOnlyText);
    };
    boolean infraOnly = !only.isEmpty() || infraOnlyText.trim().equals("true");
    Path dataDir = Path.of(value(flags, "data-dir", env, "DATA_DIR", "data"));
    Path servicesDir = Path.of(value(flags, "services-dir", env, "SERVICES_DIR", defaultServicesDir().toString()));
    LocalStackSettings settings =
        new LocalStackSettings(
            dataDir,
            port(flags, "kafka-port", env, "KAFKA_PORT", 9092),
            port(flags, "mongo-port", env, "MONGO_PORT", 27017),
            port(flags, "command-port", env, "COMMAND_SERVICE_PORT", 8081),
            port(flags, "query-port", env, "QUERY_SERVICE_PORT", 8082),
            servicesDir,
            infraOnly,
            demo && !infraOnly,
            mongoInMemory,
            only,
            instances(value(flags, "instances", env, "INSTANCES", "1")),
            port(flags, "command-management-port", env, "COMMAND_MANAGEMENT_PORT", DEFAULT_COMMAND_MANAGEMENT_PORT),
            port(flags, "query-management-port", env, "QUERY_MANAGEMENT_PORT", DEFAULT_QUERY_MANAGEMENT_PORT),
            value(flags, "region", env, "REGION_FILE", "").trim());
    flags.keySet().removeAll(
        Set.of(
            "data-dir", "services-dir", "kafka-port", "mongo-port", "command-port", "query-port", "instances",
            "command-management-port", "query-management-port", "region"));
    if (settings.demo() && !settings.region().isEmpty()) {
      throw new IllegalArgumentException("--demo loads Sendai's demo year: it cannot be combined with --region");
    }
    int last = settings.instances() - 1;
    for (int port :
        List.of(
            settings.commandServicePort(last), settings.queryServicePort(last),
            settings.commandManagementPort(last), settings.queryManagementPort(last))) {
      if (port > 65535) {
        throw new IllegalArgumentException("--instances=" + settings.instances() + " needs port " + port + ", above 65535");
      }
    }
    settings.listeningPorts(); // refuses two listeners on one port
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + flags.keySet().iterator().next());
    }
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

  /** The management port (metrics, actuator) of the n-th (from 0) command-service: the configured one plus 2n. */
  public int commandManagementPort(int instance) {
    return commandManagementPort + 2 * instance;
  }

  /** The management port of the n-th (from 0) query-service: the configured one plus 2n. */
  public int queryManagementPort(int instance) {
    return queryManagementPort + 2 * instance;
  }

  /** Every port the stack listens on, named, in start order; a port given twice would fail one service's start. */
  /**
   * Every port this launcher will listen on, with its owner and the option that sets it, in start order; the
   * broker's controller port is picked free at start and not listed.
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
      claim(owners, commandServicePort(n), new PortOwner("command-service" + suffix, "--command-port"));
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
          "port " + port + " would be both " + before.name() + "'s and " + owner.name()
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

  private static String value(Map<String, String> flags, String flag, Map<String, String> env, String variable, String fallback) {
    String fromFlag = flags.get(flag);
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
      throw new IllegalArgumentException("--instances / INSTANCES must be a number from 1 to 16, not " + text);
    }
  }

  private static int port(Map<String, String> flags, String flag, Map<String, String> env, String variable, int fallback) {
    String text = value(flags, flag, env, variable, String.valueOf(fallback));
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " / " + variable + " must be a port number, not " + text);
    }
  }

  // Run as `java -jar .../target/local-stack-exec.jar`, the services were copied beside the jar at package time; run
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
