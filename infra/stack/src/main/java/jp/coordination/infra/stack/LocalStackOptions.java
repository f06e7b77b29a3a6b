package jp.coordination.infra.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The launcher's command line as given: every field is null when its flag is absent, so that {@link
 * LocalStackSettings} can fall back to the environment variable, then to the default. Its usage
 * message is the help text of {@code ./run-local.sh}.
 */
@Command(
    name = "./run-local.sh",
    abbreviateSynopsis = true,
    description =
        "Starts the local stack: a Kafka broker (KRaft) and the MongoDB stand-in in this JVM, then the"
            + " command-service and the query-service as child JVMs. Ctrl-C stops them; the data directory is"
            + " kept. (Or: java -jar infra/stack/target/local-stack-exec.jar [OPTIONS].) A flag wins over its"
            + " environment variable (in brackets), which wins over the default.",
    sortOptions = false,
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:stopped with Ctrl-C (or --help)",
      "1:did not start (a port already in use, no service jars, ...), or the one instance of a service stopped",
      "2:bad options"
    })
final class LocalStackOptions {

  @Option(
      names = "--infra-only",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "kafka|mongo",
      description =
          "start only Kafka and the MongoDB stand-in; =kafka only the broker, =mongo only the"
              + " stand-in (one process each, so either can be killed alone)  (INFRA_ONLY=true|kafka|mongo)")
  String infraOnly;

  @Option(
      names = "--demo",
      description =
          "then load the demo year FY2024 (令和6年度) unless already loaded, and print the dashboard "
              + "address  (DEMO=true)")
  Boolean demo;

  @Option(
      names = "--mongo-in-memory",
      description =
          "keep MongoDB's data in memory only, lost at stop (throwaway runs, benchmarks)  "
              + "(MONGO_IN_MEMORY=true)")
  Boolean mongoInMemory;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "broker logs and MongoDB file (default ./data)  (DATA_DIR)")
  String dataDir;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      description = "Kafka client port (default 9092)  (KAFKA_PORT)")
  String kafkaPort;

  @Option(
      names = "--mongo-port",
      paramLabel = "PORT",
      description = "MongoDB port (default 27017)  (MONGO_PORT)")
  String mongoPort;

  @Option(
      names = "--command-port",
      paramLabel = "PORT",
      description = "command-service port (default 8081)  (COMMAND_SERVICE_PORT)")
  String commandPort;

  @Option(
      names = "--query-port",
      paramLabel = "PORT",
      description = "query-service port (default 8082)  (QUERY_SERVICE_PORT)")
  String queryPort;

  @Option(
      names = "--command-management-port",
      paramLabel = "PORT",
      description =
          "command-service metrics and actuator (default 9181; not published)  "
              + "(COMMAND_MANAGEMENT_PORT)")
  String commandManagementPort;

  @Option(
      names = "--query-management-port",
      paramLabel = "PORT",
      description =
          "query-service metrics and actuator (default 9182; not published)  (QUERY_MANAGEMENT_PORT)")
  String queryManagementPort;

  @Option(
      names = "--instances",
      paramLabel = "N",
      description =
          "start N command-services and N query-services on the same broker and store (default 1); "
              + "the n-th listens on the ports above plus 2(n-1): --instances=2 is 8081, 8083 and 8082, "
              + "8084 (management 9181, 9183 and 9182, 9184)  (INSTANCES)")
  String instances;

  @Option(
      names = "--region",
      paramLabel = "FILE",
      description =
          "the region both services serve: a region file, or regions/sennan.json for the built-in "
              + "wide-area example (広域設置, nine towns); the demo year is Sendai's (default: Sendai) "
              + "(REGION_FILE)")
  String region;

  @Option(
      names = "--services-dir",
      paramLabel = "DIR",
      description =
          "where command-service.jar and query-service.jar are (default infra/stack/target/services)  (SERVICES_DIR)")
  String servicesDir;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  /** The command line over these options. */
  static CommandLine commandLine(LocalStackOptions options) {
    // Plain text whatever the terminal, so --help says exactly what the help file of the script
    // says.
    return new CommandLine(options)
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
  }
}
