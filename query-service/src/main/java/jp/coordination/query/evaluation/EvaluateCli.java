package jp.coordination.query.evaluation;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.statistics.StatisticsDisclosure;
import jp.coordination.query.statistics.StatisticsFormats;

/**
 * The annual evaluation from a command line, away from the running services (no Spring, no read
 * database): replays the Kafka topic, or with {@code --from-event-store} the command side's event
 * store, and writes the statistics as JSON or CSV, exact and byte for byte as an analyst gets them
 * over HTTP (so with an empty {@code suppressed}). The result goes to {@code --output} or standard
 * output; everything else (progress, logs, counters) to standard error.
 */
public final class EvaluateCli {

  static final String USAGE =
      """
      usage: evaluate --fiscal-year YYYY [--bootstrap-servers HOST:PORT] [--topic NAME]
                      [--from-event-store MONGODB-URI-WITH-DATABASE]
                      [--recorded-up-to 2026-03-15T17:00:00+09:00] [--format json|csv]
                      [--output FILE] [--region FILE] [--holidays FILE]
        reads the Kafka topic (default 127.0.0.1:9092, coordination.events) from the beginning to
        its current end, or the event store's event_streams when --from-event-store is given""";

  private EvaluateCli() {}

  public static void main(String[] args) {
    // Logging frameworks write to standard output; keep it for the result alone.
    PrintStream result = System.out;
    System.setOut(System.err);
    try {
      System.exit(run(args, result));
    } catch (IllegalArgumentException e) {
      System.err.println("evaluate: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (RuntimeException e) {
      // Broker or database unreachable, topic missing: one line for the analyst, no stack trace.
      System.err.println("evaluate: failed: " + e);
      System.exit(1);
    }
  }

  static int run(String[] args, OutputStream stdout) {
    Map<String, String> options = parse(args);
    String yearText = required(options, "fiscal-year");
    int fiscalYear;
    try {
      fiscalYear = Integer.parseInt(yearText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--fiscal-year must be a year such as 2025");
    }
    if (fiscalYear < 2000 || fiscalYear > 2100) {
      throw new IllegalArgumentException("--fiscal-year must be between 2000 and 2100");
    }
    Instant cutoff = null;
    if (options.containsKey("recorded-up-to")) {
      try {
        cutoff = OffsetDateTime.parse(options.get("recorded-up-to")).toInstant();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--recorded-up-to must be ISO-8601 with offset");
      }
    }
    String format = options.getOrDefault("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be json or csv");
    }
    Region region = Region.load(options.get("region"));
    BusinessCalendar calendar = BusinessCalendar.tokyo(Holidays.load(options.get("holidays")).dates());
    EventCodec codec = new EventCodec();

    long started = System.nanoTime();
    Evaluation.Outcome outcome;
    String storeUri = options.get("from-event-store");
    if (storeUri != null) {
      ConnectionString connection = new ConnectionString(storeUri);
      if (connection.getDatabase() == null) {
        throw new IllegalArgumentException("--from-event-store needs a database in the URI");
      }
      try (MongoClient client = MongoClients.create(connection)) {
        EventSource source = new EventStoreSource(client.getDatabase(connection.getDatabase()), codec);
        outcome = evaluate(source, fiscalYear, cutoff, region, calendar);
      }
    } else {
      EventSource source =
          new KafkaEventSource(
              options.getOrDefault("bootstrap-servers", "127.0.0.1:9092"),
              options.getOrDefault("topic", "coordination.events"), codec, Map.of());
      outcome = evaluate(source, fiscalYear, cutoff, region, calendar);
    }
    byte[] bytes =
        format.equals("csv")
            ? StatisticsFormats.csv(outcome.statistics(), region)
            : StatisticsFormats.json(StatisticsDisclosure.exact(outcome.statistics()));
    try {
      if (options.containsKey("output")) {
        Files.write(Path.of(options.get("output")), bytes);
      } else {
        stdout.write(bytes);
        stdout.flush();
      }
    } catch (IOException e) {
      System.err.println("evaluate: cannot write the result: " + e.getMessage());
      return 1;
    }
    System.err.printf(
        "evaluate: FY%d, %d events read (%d after the cutoff, %d duplicates, %d unreadable, %d not folded) in %.1f s%n",
        fiscalYear, outcome.eventsRead(), outcome.eventsAfterCutoff(), outcome.duplicatesSkipped(),
        outcome.undecodable(), outcome.notFoldedCount(), (System.nanoTime() - started) / 1e9);
    for (NotFolded left : outcome.notFolded()) {
      System.err.println(
          "evaluate: not folded: " + left.reason() + " " + (left.position() == null ? "" : left.position() + " ")
              + "aggregate " + left.aggregateId() + " sequence " + left.sequence() + " " + left.type()
              + " (" + left.detail() + ")");
    }
    return 0;
  }

  private static Evaluation.Outcome evaluate(
      EventSource source, int fiscalYear, Instant cutoff, Region region, BusinessCalendar calendar) {
    System.err.println("evaluate: reading " + source.describe());
    return Evaluation.run(source, fiscalYear, cutoff, region, calendar,
        read -> System.err.println("evaluate: " + read + " events read"));
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    int i = 0;
    // Allow the subcommand word, as in "... PropertiesLauncher evaluate --fiscal-year 2025".
    if (args.length > 0 && args[0].equals("evaluate")) {
      i = 1;
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      options.put(name, value);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
