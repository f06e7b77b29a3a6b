package jp.coordination.infra.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import jp.coordination.infra.demo.DemoLoader;
import jp.coordination.infra.demo.DemoPlan;
import jp.coordination.infra.demo.DemoYear;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The local stack without Docker: a KRaft Kafka broker and the file-backed MongoDB stand-in in this
 * JVM, then the command-service and the query-service (or {@code --instances=N} of each) as child
 * JVMs pointed at them. Ctrl-C stops the services, then the broker, then the stand-in; the data
 * directory is kept, so the next start continues where this one stopped.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  /**
   * The services' profile of the local run: HTTP Basic demo users, the published development master
   * key.
   */
  public static final String LOCAL_PROFILE = "local";

  static final List<String> SERVICE_JVM_OPTIONS =
      List.of("-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-Dfile.encoding=UTF-8");

  private final LocalStackSettings settings;
  // In start order: command-service, query-service of instance 0, then of instance 1, ...
  private final List<ServiceProcess> services = new ArrayList<>();
  private PrintStream serviceOutput;
  private EmbeddedMongo mongo;
  private EmbeddedKafkaBroker broker;
  private boolean closed;
  // Set first thing on shutdown, so the watcher does not mistake the services' planned exit for a
  // crash.
  private volatile boolean stopping;

  private LocalStack(LocalStackSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    int exit = run(args, System.getenv(), System.out, System.err);
    // 0 is --help, or Ctrl-C, whose shutdown hook is stopping the stack: System.exit during the
    // hooks would block.
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs the launcher until the stack stops; returns the exit code: 2 for bad options, 1 when it
   * did not start (a port already in use, the service jars missing) or when the one instance of a
   * service stopped, 0 after Ctrl-C or {@code --help}.
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    LocalStackOptions options = new LocalStackOptions();
    CommandLine commandLine = LocalStackOptions.commandLine(options);
    LocalStackSettings settings;
    try {
      commandLine.parseArgs(args);
      if (commandLine.isUsageHelpRequested()) {
        out.print(commandLine.getUsageMessage());
        out.flush();
        return 0;
      }
      settings = LocalStackSettings.from(options, env);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(commandLine.getUsageMessage());
      err.flush();
      return 2;
    }

    LocalStack stack = new LocalStack(settings);
    Thread shutdown = new Thread(stack::close, "local-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      stack.startAll(out);
    } catch (RuntimeException e) {
      if (e instanceof StartRefusedException) {
        // A condition of the machine or the build, not a fault of the launcher: the message says
        // all there is.
        err.println(e.getMessage());
      } else {
        log.error("The local stack did not start: {}", e.getMessage(), e);
      }
      stack.close();
      Runtime.getRuntime().removeShutdownHook(shutdown);
      return 1;
    }
    stack.printSummary(out);
    if (settings.demo()) {
      stack.loadDemo(out);
    }
    return stack.watchServices();
  }

  /**
   * The stack cannot start for a reason the message fully explains (a port taken, a service jar
   * missing); thrown before anything has started, and answered with that one line and exit code 1,
   * never a stack trace.
   */
  public abstract static class StartRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StartRefusedException(String message) {
      super(message);
    }
  }

  /** A port the stack needs is taken. */
  public static final class PortInUseException extends StartRefusedException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
      super(message);
    }
  }

  /** A service jar is not where the launcher runs it from, e.g. after a partial build. */
  public static final class ServiceJarMissingException extends StartRefusedException {
    private static final long serialVersionUID = 1L;

    ServiceJarMissingException(Path jar) {
      super(
          jar.toAbsolutePath()
              + " does not exist: build the services with `mvn -B -DskipTests package` (or run"
              + " ./run-local.sh without SKIP_BUILD=true), or point --services-dir at where the jars are");
    }
  }

  /**
   * Fails at once, naming the port, when something already listens on one the stack needs:
   * otherwise the stand-in, the broker or a service would fail later and deep inside its start-up
   * (a service retrying its bind, the broker its listener), after the others had started.
   */
  static void refuseTakenPorts(Map<Integer, LocalStackSettings.PortOwner> ports) {
    for (Map.Entry<Integer, LocalStackSettings.PortOwner> entry : ports.entrySet()) {
      int port = entry.getKey();
      if (taken(port)) {
        LocalStackSettings.PortOwner owner = entry.getValue();
        throw new PortInUseException(
            "Port "
                + port
                + " is already in use, and "
                + owner.name()
                + " needs it: stop what listens there"
                + " (e.g. an earlier ./run-local.sh), or start with "
                + owner.option()
                + "=ANOTHER_PORT");
      }
    }
  }

  private static boolean taken(int port) {
    for (InetSocketAddress address :
        List.of(
            new InetSocketAddress(port),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      try (ServerSocket socket = new ServerSocket()) {
        // Connections of an earlier run still in TIME_WAIT do not make the port taken, as they do
        // not for the servers.
        socket.setReuseAddress(true);
        socket.bind(address);
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  /** Starts everything the settings ask for; on failure, stops what was started and rethrows. */
  public static LocalStack start(LocalStackSettings settings, PrintStream serviceOutput) {
    LocalStack stack = new LocalStack(settings);
    try {
      stack.startAll(serviceOutput);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startAll(PrintStream serviceOutput) {
    if (!settings.infraOnly()) {
      // Fail before starting anything when the jars are missing: the message tells how to build
      // them.
      for (Path jar : List.of(settings.commandServiceJar(), settings.queryServiceJar())) {
        if (!Files.isRegularFile(jar)) {
          throw new ServiceJarMissingException(jar);
        }
      }
    }
    refuseTakenPorts(settings.listeningPorts());
    if (settings.startsMongo()) {
      mongo =
          settings.mongoInMemory()
              ? EmbeddedMongo.inMemory(settings.mongoPort())
              : EmbeddedMongo.fileBacked(settings.mongoFile(), settings.mongoPort());
    }
    CompletableFuture<EmbeddedKafkaBroker> brokerStarting = null;
    if (settings.startsKafka()) {
      if (settings.infraOnly() || settings.kafkaPort() == 0) {
        broker = EmbeddedKafkaBroker.start(settings.kafkaDir(), settings.kafkaPort());
      } else {
        // The services first reach Kafka some ten seconds after their JVMs start (their Spring
        // context comes first), and the broker is ready before that (about three seconds alone,
        // eight to ten beside them): starting them while the broker starts takes its start-up off
        // the stack's. Its address is known beforehand.
        brokerStarting =
            CompletableFuture.supplyAsync(
                () -> EmbeddedKafkaBroker.start(settings.kafkaDir(), settings.kafkaPort()),
                task -> new Thread(task, "kafka-broker-start").start());
      }
    }
    if (settings.infraOnly()) {
      return;
    }
    // All services boot at once: Spring's start-up is mostly single-threaded, so on a small machine
    // one after the other left a core idle for about ten seconds. A query-service may come up
    // before a command-service has created the topic; its consumer then waits for the topic.
    this.serviceOutput = serviceOutput;
    try {
      for (int n = 0; n < settings.instances(); n++) {
        services.add(startService("command-service", n));
        services.add(startService("query-service", n));
      }
    } finally {
      // Before anything else may fail: a broker started is then one close() stops.
      if (brokerStarting != null) {
        broker = started(brokerStarting);
      }
    }
    for (ServiceProcess service : services) {
      service.awaitReady(READY_TIMEOUT);
    }
  }

  private static EmbeddedKafkaBroker started(CompletableFuture<EmbeddedKafkaBroker> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private ServiceProcess startService(String kind, int n) {
    boolean command = kind.equals("command-service");
    return ServiceProcess.start(
        serviceName(kind, n),
        command ? settings.commandServiceJar() : settings.queryServiceJar(),
        command ? settings.commandServicePort(n) : settings.queryServicePort(n),
        SERVICE_JVM_OPTIONS,
        serviceEnvironment(n),
        serviceOutput);
  }

  // The first instance keeps the plain name, so a single-instance stack prints what it always
  // printed.
  private static String serviceName(String kind, int instance) {
    return instance == 0 ? kind : kind + "-" + (instance + 1);
  }

  // Each instance gets its own ports; the store and the broker are shared.
  private Map<String, String> serviceEnvironment(int instance) {
    Map<String, String> env = new HashMap<>();
    env.put("MONGODB_URI", mongo.connectionString() + "/coordination");
    env.put("QUERY_MONGODB_URI", mongo.connectionString() + "/coordination_query");
    env.put(
        "KAFKA_BOOTSTRAP_SERVERS",
        broker != null
            ? broker.bootstrapServers()
            : EmbeddedKafkaBroker.bootstrapServers(settings.kafkaPort()));
    env.put("COMMAND_SERVICE_PORT", String.valueOf(settings.commandServicePort(instance)));
    env.put("QUERY_SERVICE_PORT", String.valueOf(settings.queryServicePort(instance)));
    env.put("COMMAND_MANAGEMENT_PORT", String.valueOf(settings.commandManagementPort(instance)));
    env.put("QUERY_MANAGEMENT_PORT", String.valueOf(settings.queryManagementPort(instance)));
    // The demo users and the development master key exist only in the local profile.
    env.put("SPRING_PROFILES_ACTIVE", LOCAL_PROFILE);
    env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    // A person reads the services' lines here, prefixed in one terminal: the human-readable
    // pattern, not the JSON
    // a log platform gets, unless LOG_FORMAT asks for a structured format (docs/ARCHITECTURE.md,
    // "Logs").
    env.put("LOG_FORMAT", System.getenv().getOrDefault("LOG_FORMAT", ""));
    if (!settings.region().isEmpty()) {
      env.put("REGION_FILE", settings.region());
    }
    return env;
  }

  public String kafkaBootstrapServers() {
    return broker.bootstrapServers();
  }

  public String mongoConnectionString() {
    return mongo.connectionString();
  }

  private void printSummary(PrintStream out) {
    out.println();
    out.println(
        "Local stack is up (Ctrl-C stops it; data stays in "
            + settings.dataDir().toAbsolutePath()
            + ")");
    if (broker != null) {
      out.println("  Kafka            " + broker.bootstrapServers());
    }
    if (mongo != null) {
      out.println(
          "  MongoDB          "
              + mongo.connectionString()
              + "  (mongo-java-server stand-in, file "
              + settings.mongoFile().toAbsolutePath()
              + ")");
    }
    if (broker == null || mongo == null) {
      out.println(
          "  (--infra-only="
              + (broker == null ? "mongo" : "kafka")
              + ": start the other one in a launcher of its own)");
    } else if (settings.infraOnly()) {
      out.println("  services         not started (--infra-only); run them with");
      out.println(
          "                   SPRING_PROFILES_ACTIVE="
              + LOCAL_PROFILE
              + " MONGODB_URI="
              + mongo.connectionString()
              + "/coordination QUERY_MONGODB_URI="
              + mongo.connectionString()
              + "/coordination_query KAFKA_BOOTSTRAP_SERVERS="
              + broker.bootstrapServers());
    } else {
      for (int n = 0; n < settings.instances(); n++) {
        out.println(
            "  "
                + pad(serviceName("command-service", n))
                + "http://127.0.0.1:"
                + settings.commandServicePort(n)
                + "  (POST /api/...)");
      }
      for (int n = 0; n < settings.instances(); n++) {
        out.println(
            "  "
                + pad(serviceName("query-service", n))
                + "http://127.0.0.1:"
                + settings.queryServicePort(n)
                + "  (live dashboard page at /, GET /api/wards/AOBA/dashboard)");
      }
      StringBuilder metrics = new StringBuilder();
      for (int n = 0; n < settings.instances(); n++) {
        metrics
            .append(n == 0 ? "" : ", ")
            .append(settings.commandManagementPort(n))
            .append(", ")
            .append(settings.queryManagementPort(n));
      }
      out.println(
          "  "
              + pad("metrics")
              + "http://127.0.0.1:<port>/actuator/prometheus on the management ports "
              + metrics
              + " (not published)");
      if (settings.instances() > 1) {
        out.println(
            "                   ("
                + settings.instances()
                + " instances of each on one broker and store: "
                + "a command sent to any command-service shows on every query-service)");
      }
      out.println();
      out.println("  Demo users (HTTP Basic, password = user name):");
      out.println("    coordinator        COORDINATOR, all wards");
      out.println("    aoba-coordinator   COORDINATOR, AOBA only");
      out.println("    facility           FACILITY");
      out.println("    aoba-council       WARD_COUNCIL, AOBA");
      out.println("    city-council       REGIONAL_COUNCIL");
      out.println("    auditor            CITY_AUDITOR");
      out.println("    analyst            ANALYST");
      out.println("    operator           OPERATOR (parked events only)");
    }
    out.println();
    out.flush();
  }

  /** Loads the demo year unless the query side already has it, then points at the page. */
  private void loadDemo(PrintStream out) {
    String command = "http://127.0.0.1:" + settings.commandServicePort();
    String query = "http://127.0.0.1:" + settings.queryServicePort();
    try {
      DemoPlan plan = DemoYear.standard();
      DemoLoader loader = new DemoLoader(command, query);
      if (loader.isLoaded(plan)) {
        out.println("Demo year FY2024 is already loaded.");
      } else {
        out.println(
            "Loading the demo year FY2024 ("
                + plan.commands().size()
                + " commands, seed "
                + plan.seed()
                + ")...");
        loader.load(plan, 4, out::println);
        out.println("Sent:");
        out.print(plan.totals().report());
      }
      out.println();
      out.println(
          "Open the live dashboard: "
              + query
              + "/?fiscalYear="
              + DemoYear.FISCAL_YEAR
              + "  (sign in as aoba-council / aoba-council, or city-council / city-council for all wards)");
      out.println();
    } catch (RuntimeException e) {
      log.error("Loading the demo year failed: {}", e.getMessage());
    }
    out.flush();
  }

  // Keeps the launcher alive while the services run. With one instance of each, a service that dies
  // takes the stack
  // down, so a developer never works against half a stack without noticing. With several, the
  // others carry on and the
  // dead one is started again on its port: killing an instance to watch the others take over is
  // what several are for.
  // Returns when the stack is stopping (0), or with 1 when the one instance of a service stopped.
  private int watchServices() {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      for (int i = 0; i < services.size(); i++) {
        ServiceProcess service = services.get(i);
        if (!service.isAlive()) {
          // Ctrl-C in a terminal reaches the services too, possibly before our shutdown hook runs:
          // give it a moment.
          sleep(2_000);
          if (stopping) {
            return 0;
          }
          if (settings.instances() == 1) {
            log.error("{} stopped unexpectedly; stopping the local stack", service.name());
            return 1;
          }
          log.error(
              "{} stopped unexpectedly; starting it again (the other instances carry on)",
              service.name());
          restart(i);
        }
      }
      sleep(1_000);
    }
    return 0;
  }

  private synchronized void restart(int index) {
    if (stopping || closed) {
      return;
    }
    services.set(
        index, startService(index % 2 == 0 ? "command-service" : "query-service", index / 2));
  }

  // "command-service-2" is as wide as the column of a single-instance stack: widen it, never run
  // name and address together.
  private String pad(String name) {
    return String.format(settings.instances() > 1 ? "%-19s" : "%-17s", name);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the services (newest first), then the broker, then the stand-in. */
  @Override
  public void close() {
    stopping = true;
    closeInOrder();
  }

  private synchronized void closeInOrder() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = services.size() - 1; i >= 0; i--) {
      ServiceProcess service = services.get(i);
      try {
        service.stop();
        log.info("{} stopped", service.name());
      } catch (RuntimeException e) {
        log.warn("stopping {} failed", service.name(), e);
      }
    }
    if (broker != null) {
      try {
        broker.close();
      } catch (RuntimeException e) {
        log.warn("stopping the Kafka broker failed", e);
      }
    }
    if (mongo != null) {
      mongo.close();
    }
  }
}
