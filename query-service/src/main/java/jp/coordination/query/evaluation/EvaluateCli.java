package jp.coordination.query.evaluation;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.statistics.StatisticsDisclosure;
import jp.coordination.query.statistics.StatisticsFormats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The annual evaluation from a command line, away from the running services (no Spring, no read
 * database): replays the Kafka topic, or with {@code --from-event-store} the command side's event
 * store, and writes the statistics as JSON or CSV, exact and byte for byte as an analyst gets them
 * over HTTP (so with an empty {@code suppressed}). The result goes to {@code --output} or standard
 * output; everything else (progress with the total, logs, counters) to standard error.
 *
 * <p>Exit codes: 0 written, 1 failed (broker or database unreachable, topic missing, output not
 * writable), 2 bad options.
 */
@Command(
    name = "evaluate.sh",
    description =
        "The annual evaluation away from the running services: reads the Kafka topic from the beginning to its"
            + " current end, or the event store's event_streams with --from-event-store, and writes the fiscal"
            + " year's statistics exactly as an analyst gets them over HTTP. The result goes to --output or standard"
            + " output; progress and counts to standard error.",
    sortOptions = false,
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:written",
      "1:failed (broker or database unreachable, topic missing, ...)",
      "2:bad options"
    })
public final class EvaluateCli implements Callable<Integer> {

  /** The two formats an analyst downloads. */
  enum Format {
    json,
    csv
  }

  @Option(
      names = "--fiscal-year",
      required = true,
      paramLabel = "YYYY",
      description = "the fiscal year (April to March), 2000 to 2100")
  int fiscalYear;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      paramLabel = "HOST:PORT",
      description = "the Kafka cluster (default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "coordination.events",
      paramLabel = "NAME",
      description = {"the topic of the events, by default", "${DEFAULT-VALUE}"})
  String topic;

  @Option(
      names = "--from-event-store",
      paramLabel = "MONGODB-URI",
      description = {
        "the command side's event store, read instead of the",
        "topic; the URI names the database:",
        "mongodb://127.0.0.1:27017/coordination"
      })
  String eventStoreUri;

  @Option(
      names = "--recorded-up-to",
      paramLabel = "TIME",
      description =
          "count only events recorded at or before it, ISO-8601 with offset, e.g. 2026-03-15T17:00:00+09:00"
              + " (default: all)")
  OffsetDateTime recordedUpTo;

  @Option(
      names = "--format",
      defaultValue = "json",
      paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "where the result goes (default: standard output)")
  Path output;

  @Option(
      names = "--region",
      paramLabel = "FILE",
      description = "the region definition (default: Sendai)")
  String region;

  @Option(
      names = "--holidays",
      paramLabel = "FILE",
      description = "the public holidays (default: the built-in list)")
  String holidays;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  @Spec CommandSpec spec;

  private final OutputStream result;
  private final PrintStream err;

  EvaluateCli(OutputStream result, PrintStream err) {
    this.result = result;
    this.err = err;
  }

  public static void main(String[] args) {
    // Logging frameworks write to standard output; keep it for the result (and --help) alone.
    PrintStream result = System.out;
    System.setOut(System.err);
    System.exit(run(args, result, System.err));
  }

  /** Runs the command line; returns the exit code. */
  static int run(String[] args, OutputStream result, PrintStream err) {
    // Allow the subcommand word, as in "... PropertiesLauncher evaluate --fiscal-year 2025".
    String[] options =
        args.length > 0 && args[0].equals("evaluate")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(result, StandardCharsets.UTF_8), true);
    int exit =
        commandLine(new EvaluateCli(result, err))
            .setOut(out)
            .setErr(new PrintWriter(err, true))
            .execute(options);
    out.flush();
    return exit;
  }

  /** The command line as picocli sees it: its usage message is the help text of ./evaluate.sh. */
  static CommandLine commandLine(EvaluateCli cli) {
    // Plain text whatever the terminal, so --help says exactly what the help file of the script
    // says.
    return new CommandLine(cli)
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
  }

  @Override
  public Integer call() {
    if (fiscalYear < 2000 || fiscalYear > 2100) {
      throw new ParameterException(
          spec.commandLine(), "--fiscal-year must be between 2000 and 2100");
    }
    ConnectionString storeUri = null;
    if (eventStoreUri != null) {
      try {
        storeUri = new ConnectionString(eventStoreUri);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--from-event-store: " + e.getMessage());
      }
      if (storeUri.getDatabase() == null) {
        throw new ParameterException(
            spec.commandLine(), "--from-event-store needs a database in the URI");
      }
    }
    Region chosenRegion;
    BusinessCalendar calendar;
    try {
      chosenRegion = Region.load(region);
      calendar = BusinessCalendar.tokyo(Holidays.load(holidays).dates());
    } catch (RuntimeException e) {
      // A file named on the command line that is missing or malformed is a bad option value.
      throw new ParameterException(spec.commandLine(), "--region / --holidays: " + e.getMessage());
    }
    try {
      return evaluate(storeUri, chosenRegion, calendar);
    } catch (RuntimeException e) {
      // Broker or database unreachable, topic missing: one line for the analyst, no stack trace.
      err.println("evaluate: failed: " + e);
      return 1;
    }
  }

  private int evaluate(ConnectionString storeUri, Region chosenRegion, BusinessCalendar calendar) {
    Instant cutoff = recordedUpTo == null ? null : recordedUpTo.toInstant();
    EventCodec codec = new EventCodec();

    long started = System.nanoTime();
    Evaluation.Outcome outcome;
    if (storeUri != null) {
      try (MongoClient client = MongoClients.create(storeUri)) {
        EventSource source =
            new EventStoreSource(client.getDatabase(storeUri.getDatabase()), codec);
        outcome = evaluate(source, cutoff, chosenRegion, calendar);
      }
    } else {
      outcome =
          evaluate(
              new KafkaEventSource(bootstrapServers, topic, codec, Map.of()),
              cutoff,
              chosenRegion,
              calendar);
    }
    byte[] bytes =
        format == Format.csv
            ? StatisticsFormats.csv(outcome.statistics(), chosenRegion)
            : StatisticsFormats.json(StatisticsDisclosure.exact(outcome.statistics()));
    try {
      if (output != null) {
        Files.write(output, bytes);
      } else {
        result.write(bytes);
        result.flush();
      }
    } catch (IOException e) {
      err.println("evaluate: cannot write the result: " + e.getMessage());
      return 1;
    }
    err.printf(
        "evaluate: FY%d, %d events read (%d after the cutoff, %d duplicates, %d unreadable, %d not folded) in %.1f s%n",
        fiscalYear,
        outcome.eventsRead(),
        outcome.eventsAfterCutoff(),
        outcome.duplicatesSkipped(),
        outcome.undecodable(),
        outcome.notFoldedCount(),
        (System.nanoTime() - started) / 1e9);
    for (NotFolded left : outcome.notFolded()) {
      err.println(
          "evaluate: not folded: "
              + left.reason()
              + " "
              + (left.position() == null ? "" : left.position() + " ")
              + "aggregate "
              + left.aggregateId()
              + " sequence "
              + left.sequence()
              + " "
              + left.type()
              + " ("
              + left.detail()
              + ")");
    }
    return 0;
  }

  private Evaluation.Outcome evaluate(
      EventSource source, Instant cutoff, Region chosenRegion, BusinessCalendar calendar) {
    long total = source.count();
    err.printf(Locale.ROOT, "evaluate: reading %s (%,d events)%n", source.describe(), total);
    long started = System.nanoTime();
    LongConsumer progress =
        read ->
            err.println("evaluate: " + progress(read, total, (System.nanoTime() - started) / 1e9));
    return Evaluation.run(source, fiscalYear, cutoff, chosenRegion, calendar, progress);
  }

  /**
   * One line: events read of the total, rate, time left; the total never shows below what was read.
   */
  static String progress(long read, long total, double seconds) {
    long known = Math.max(total, read);
    double percent = known == 0 ? 100 : 100.0 * read / known;
    double rate = seconds <= 0 ? 0 : read / seconds;
    String left = rate <= 0 ? "?" : (long) Math.ceil((known - read) / rate) + " s";
    return String.format(
        Locale.ROOT,
        "%,d of %,d events (%.1f%%), %,.0f events/s, %s left",
        read,
        known,
        percent,
        rate,
        left);
  }
}
