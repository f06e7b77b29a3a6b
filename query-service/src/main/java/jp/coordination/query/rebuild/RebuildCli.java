package jp.coordination.query.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jp.coordination.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A projection rebuild from a command line: the query-service's own application (its settings,
 * MongoDB and Kafka as configured, the same rebuild job as over HTTP) without a consumer of its
 * own, which starts the rebuild, prints its progress with the total to standard error, and ends
 * when it is done. The running query-services follow the switch-over by themselves.
 *
 * <p>Exit codes: 0 done, 1 failed, 2 bad options, 3 another rebuild is running.
 */
@Command(
    name = "rebuild.sh",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds the query-service's read models from the Kafka topic into new collections while the current"
            + " ones keep serving, switches over and drops the old ones. MongoDB, Kafka and the rest come from the"
            + " query-service's settings (environment variables, README).",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the new read models serve",
      "1:failed",
      "2:bad options",
      "3:another rebuild is running"
    })
public final class RebuildCli implements Callable<Integer> {

  @Option(
      names = "--read-models",
      split = ",",
      paramLabel = "NAME",
      description =
          "views, dashboards, statistics, facilities, lists (default: all; every one is rebuilt)")
  List<String> readModels;

  @Option(
      names = "--progress-every",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
  int progressEvery;

  @Option(
      names = "--set",
      paramLabel = "PROPERTY=VALUE",
      description =
          "a query-service setting, e.g. --set coordination.kafka.bootstrap-servers=host:9092")
  List<String> settings = new ArrayList<>();

  private final PrintStream err;

  RebuildCli(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    // Logging frameworks write to standard output: send them to standard error with the progress,
    // and keep standard output for picocli's own answers (--help, --version).
    PrintStream out = System.out;
    System.setOut(System.err);
    RebuildCli cli = new RebuildCli(System.err);
    int exit = commandLine(cli).setOut(new java.io.PrintWriter(out, true)).execute(args);
    System.exit(exit);
  }

  /** The command line as picocli sees it: its usage message is the help text of ./rebuild.sh. */
  static CommandLine commandLine(RebuildCli cli) {
    // Plain text whatever the terminal, so --help says exactly what the help file of the script
    // says.
    return new CommandLine(cli)
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
  }

  @Override
  public Integer call() {
    List<String> chosen;
    try {
      chosen = ReadModels.chosen(readModels);
    } catch (IllegalArgumentException e) {
      err.println("rebuild: --read-models " + e.getMessage());
      return 2;
    }
    List<String> arguments = new ArrayList<>();
    for (String setting : settings) {
      arguments.add("--" + setting);
    }
    arguments.add("--coordination.kafka.consumer-enabled=false");
    arguments.add("--server.port=0");
    arguments.add("--management.server.port=0");
    arguments.add("--spring.main.banner-mode=off");
    arguments.add("--logging.level.root=WARN");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(QueryServiceApplication.class)
            .run(arguments.toArray(String[]::new))) {
      return run(context.getBean(RebuildJobs.class), chosen);
    }
  }

  int run(RebuildJobs jobs, List<String> chosen) {
    RebuildJobs.Submitted submitted = jobs.submit(chosen);
    if (submitted instanceof RebuildJobs.Busy busy) {
      err.println("rebuild: another rebuild is running: " + busy.running());
      return 3;
    }
    String id = ((RebuildJobs.Started) submitted).id();
    err.println("rebuild: " + id + " started (" + String.join(", ", chosen) + ")");
    long every = Duration.ofSeconds(Math.max(1, progressEvery)).toMillis();
    long lastPrinted = 0;
    RebuildJob job = jobs.find(id).orElseThrow();
    while (!job.status().finished()) {
      long now = System.currentTimeMillis();
      if (now - lastPrinted >= every) {
        err.println("rebuild: " + progress(job));
        lastPrinted = now;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("rebuild: interrupted; the rebuild goes on until this process ends");
        return 1;
      }
      job = jobs.find(id).orElseThrow();
    }
    err.println("rebuild: " + progress(job));
    if (job.status() == RebuildJob.Status.FAILED) {
      err.println("rebuild: failed: " + job.error());
      return 1;
    }
    err.println(
        "rebuild: generation "
            + job.toGeneration()
            + " serves; generation "
            + job.fromGeneration()
            + " dropped");
    return 0;
  }

  /** One line: status, events read of the total, rate, time left. */
  static String progress(RebuildJob job) {
    double percent = job.eventsTotal() == 0 ? 0 : 100.0 * job.eventsRead() / job.eventsTotal();
    return String.format(
        Locale.ROOT,
        "%s %,d of %,d events (%.1f%%), %,.0f events/s, %s left",
        job.status(),
        job.eventsRead(),
        job.eventsTotal(),
        percent,
        job.ratePerSecond(),
        job.secondsLeft() == null ? "?" : job.secondsLeft() + " s");
  }
}
