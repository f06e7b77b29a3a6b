package jp.coordination.command.audit;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.events.envelope.EventCodec;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command-line verifier: checks a store directly in MongoDB, without the service running.
 *
 * <pre>
 * java -cp command-service-exec.jar -Dloader.main=jp.coordination.command.audit.AuditVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher MONGODB_URI [checkpoint.json]
 * java ... PropertiesLauncher --checkpoint 12 --checkpoint-hash 3fa4... MONGODB_URI
 * java ... PropertiesLauncher --export MONGODB_URI > checkpoint.json
 * </pre>
 *
 * (or {@code ./verify-audit.sh}, which does the same). Prints the report as JSON. Exit status: 0
 * intact, 1 broken, 2 usage error or could not run: 1 is never anything but a broken store, so a
 * script may treat it as tampering. The HMAC key, if checkpoints are signed, comes from the
 * environment variable {@code AUDIT_CHECKPOINT_KEY}. The database is the one named in the URI
 * ({@code coordination} if none).
 */
@Command(
    name = "verify-audit.sh",
    customSynopsis = {
      "verify-audit.sh MONGODB_URI [CHECKPOINT_FILE]",
      "       verify-audit.sh --checkpoint=NUMBER --checkpoint-hash=HASH MONGODB_URI",
      "       verify-audit.sh --export MONGODB_URI > checkpoint.json"
    },
    description =
        "Verifies the event store's hash chains and checkpoints directly in MongoDB and prints the report as"
            + " JSON (docs/AUDIT.md). Signed checkpoints: set AUDIT_CHECKPOINT_KEY to the service's key.",
    sortOptions = false,
    // picocli answers an exception of the program with 1 by default: here 1 means tampering.
    exitCodeOnExecutionException = AuditVerifier.NOT_VERIFIED,
    exitCodeOnInvalidInput = AuditVerifier.NOT_VERIFIED,
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:intact",
      "1:broken: the chains or checkpoints show a change (and nothing else exits 1)",
      "2:usage error, or the verification could not run (database unreachable, ...)"
    })
public final class AuditVerifier implements Callable<Integer> {

  static final int INTACT = 0;

  /** The store shows a change; no other outcome exits with it. */
  static final int BROKEN = 1;

  /** Nothing was verified: a usage error, or the verification could not run. */
  static final int NOT_VERIFIED = 2;

  @Parameters(
      index = "0",
      paramLabel = "MONGODB_URI",
      description =
          "the command side's MongoDB; the database is the"
              + " one in the URI (coordination if none)")
  String uri;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "CHECKPOINT_FILE",
      description =
          "a checkpoint exported earlier (--export, GET /api/audit/checkpoints/latest): the store must"
              + " still match it")
  Path checkpointFile;

  @Option(
      names = "--checkpoint",
      paramLabel = "NUMBER",
      description =
          "with --checkpoint-hash: the last checkpoint known from outside the database (e.g. printed on the"
              + " signed audit report); the store must still hold it with that hash")
  Long checkpointNumber;

  @Option(
      names = "--checkpoint-hash",
      paramLabel = "HASH",
      description = "that checkpoint's hash (hex)")
  String checkpointHash;

  @Option(
      names = "--export",
      description = "print the latest checkpoint as JSON instead of verifying")
  boolean export;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;

  AuditVerifier(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Without Spring, Logback's default configuration would log the driver's chatter to stdout,
    // into the report or the exported checkpoint. The verifier reports its own errors.
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.reset();
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the verifier; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    int exit =
        commandLine(new AuditVerifier(out, err))
            .setOut(outWriter)
            .setErr(new PrintWriter(err, true))
            .execute(args);
    outWriter.flush();
    return exit;
  }

  /**
   * The command line as picocli sees it: its usage message is the help text of ./verify-audit.sh.
   */
  static CommandLine commandLine(AuditVerifier verifier) {
    // Plain text whatever the terminal, so --help says exactly what the help file of the script
    // says.
    return new CommandLine(verifier)
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
  }

  @Override
  public Integer call() {
    if (export && (checkpointNumber != null || checkpointHash != null || checkpointFile != null)) {
      throw new ParameterException(spec.commandLine(), "--export takes the MongoDB URI alone");
    }
    KnownCheckpoint known = null;
    if (checkpointNumber != null || checkpointHash != null) {
      if (checkpointNumber == null || checkpointHash == null) {
        throw new ParameterException(
            spec.commandLine(), "--checkpoint and --checkpoint-hash go together");
      }
      try {
        known = new KnownCheckpoint(checkpointNumber, checkpointHash);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "Invalid known checkpoint: " + e.getMessage());
      }
    }
    ConnectionString connection;
    try {
      connection = new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "MONGODB_URI: " + e.getMessage());
    }
    try {
      return verify(connection, known);
    } catch (Exception e) {
      err.println("Verification could not run: " + e.getMessage());
      return NOT_VERIFIED;
    }
  }

  private int verify(ConnectionString uri, KnownCheckpoint known) throws Exception {
    ObjectMapper json = EventCodec.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String databaseName = uri.getDatabase() == null ? "coordination" : uri.getDatabase();
    String key = Optional.ofNullable(System.getenv("AUDIT_CHECKPOINT_KEY")).orElse("");
    try (MongoClient client = MongoClients.create(uri)) {
      MongoDatabase database = client.getDatabase(databaseName);
      Checkpoints checkpoints =
          new Checkpoints(
              database.getCollection(StoredEvents.STREAMS),
              database.getCollection(Checkpoints.COLLECTION),
              Clock.systemUTC(),
              key.getBytes(StandardCharsets.UTF_8));
      if (export) {
        Optional<Checkpoint> latest = checkpoints.latest();
        if (latest.isEmpty()) {
          err.println("No checkpoint has been taken yet (POST /api/audit/checkpoints takes one).");
          return NOT_VERIFIED;
        }
        out.println(json.writeValueAsString(latest.get()));
        return 0;
      }
      Checkpoint exported =
          checkpointFile == null
              ? null
              : json.readValue(Files.readAllBytes(checkpointFile), Checkpoint.class);
      IntegrityVerifier verifier =
          new IntegrityVerifier(
              database.getCollection(StoredEvents.STREAMS),
              new StoredEvents(new EventCodec()),
              checkpoints,
              Clock.systemUTC());
      IntegrityReport report = verifier.verify(exported, known);
      out.println(json.writeValueAsString(report));
      return report.intact() ? INTACT : BROKEN;
    }
  }
}
