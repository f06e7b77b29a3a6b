package jp.coordination.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.events.envelope.EventCodec;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

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
 * intact, 1 broken, 2 usage or connection error. The HMAC key, if checkpoints are signed, comes
 * from the environment variable {@code AUDIT_CHECKPOINT_KEY}. The database is the one named in the
 * URI ({@code coordination} if none).
 */
public final class AuditVerifier {

  private AuditVerifier() {}

  public static void main(String[] args) {
    // Without Spring, Logback's default configuration would log the driver's chatter to stdout,
    // into the report or the exported checkpoint. The verifier reports its own errors.
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.reset();
    }
    System.exit(run(args, System.out, System.err));
  }

  private static final String USAGE =
      """
      usage: verify-audit.sh [--checkpoint NUMBER --checkpoint-hash HASH] MONGODB_URI [checkpoint.json]
             verify-audit.sh --export MONGODB_URI > checkpoint.json
      --checkpoint/--checkpoint-hash: the last checkpoint known from outside the database (e.g. from
      the signed audit report); the store must still hold it with that hash.""";

  /** Runs the verifier; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean export = false;
    String number = null;
    String hash = null;
    java.util.List<String> positional = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--export" -> export = true;
        case "--checkpoint", "--checkpoint-hash" -> {
          if (i + 1 >= args.length) {
            err.println(args[i] + " needs a value");
            err.println(USAGE);
            return 2;
          }
          if (args[i].equals("--checkpoint")) {
            number = args[++i];
          } else {
            hash = args[++i];
          }
        }
        default -> positional.add(args[i]);
      }
    }
    if (positional.isEmpty()
        || positional.size() > (export ? 1 : 2)
        || (export && (number != null || hash != null))) {
      err.println(USAGE);
      return 2;
    }
    KnownCheckpoint known = null;
    if (number != null || hash != null) {
      try {
        if (number == null || hash == null) {
          throw new IllegalArgumentException("--checkpoint and --checkpoint-hash go together");
        }
        known = new KnownCheckpoint(Long.parseLong(number.strip()), hash);
      } catch (IllegalArgumentException e) {
        err.println("Invalid known checkpoint: " + e.getMessage());
        err.println(USAGE);
        return 2;
      }
    }
    String[] rest = positional.toArray(String[]::new);
    ObjectMapper json =
        EventCodec.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ConnectionString uri = new ConnectionString(rest[0]);
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
          return 2;
        }
        out.println(json.writeValueAsString(latest.get()));
        return 0;
      }
      Checkpoint exported =
          rest.length == 2 ? json.readValue(Files.readAllBytes(Path.of(rest[1])), Checkpoint.class) : null;
      IntegrityVerifier verifier =
          new IntegrityVerifier(
              database.getCollection(StoredEvents.STREAMS),
              new StoredEvents(new EventCodec()),
              checkpoints,
              Clock.systemUTC());
      IntegrityReport report = verifier.verify(exported, known);
      out.println(json.writeValueAsString(report));
      return report.intact() ? 0 : 1;
    } catch (Exception e) {
      err.println("Verification could not run: " + e.getMessage());
      return 2;
    }
  }
}
