package jp.coordination.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.springframework.util.FileSystemUtils;

/**
 * What durable writes cost the file-backed MongoDB stand-in: single-document inserts from
 * concurrent clients into the stand-in as the local stack runs it (each write committed and forced
 * to disk before it is answered, in groups) and into the same backend without that (answered from
 * memory, on disk within about a second). Both run in this JVM, one after the other, alternating
 * over the runs so that a change in the machine's load touches both alike.
 *
 * <p>Usage: {@code ./bench.sh DurableWritesBenchmark [--seconds=S] [--runs=N] [--clients=N]};
 * prints {@code ratio durable / plain: R}, which the suite reads.
 */
public final class DurableWritesBenchmark {

  private DurableWritesBenchmark() {}

  /** The medians over the runs, and the mean number of writes made durable by one flush. */
  record Result(double durablePerSecond, double plainPerSecond, double meanGroupSize) {
    double ratio() {
      return durablePerSecond / plainPerSecond;
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = 20;
    int runs = 3;
    int clients = 16;
    for (String a : args) {
      if (a.startsWith("--seconds=")) {
        seconds = Double.parseDouble(a.substring("--seconds=".length()));
      } else if (a.startsWith("--runs=")) {
        runs = Integer.parseInt(a.substring("--runs=".length()));
      } else if (a.startsWith("--clients=")) {
        clients = Integer.parseInt(a.substring("--clients=".length()));
      }
    }
    Result result = measure(seconds, runs, clients);
    System.out.printf(
        "durable writes: %,.0f /s (median of %d runs of %.0f s, %d clients, %.1f writes per flush)%n",
        result.durablePerSecond(), runs, seconds, clients, result.meanGroupSize());
    System.out.printf("plain writes: %,.0f /s%n", result.plainPerSecond());
    System.out.printf("ratio durable / plain: %.2f%n", result.ratio());
    System.exit(0);
  }

  static Result measure(double seconds, int runs, int clients) throws Exception {
    Path dir = Files.createTempDirectory("bench-durable-writes-");
    double[] durable = new double[runs];
    double[] plain = new double[runs];
    long writes = 0;
    long flushes = 0;
    try {
      for (int r = 0; r < runs; r++) {
        // Alternating which goes first keeps a trend in the machine's load from favouring one side.
        boolean durableFirst = r % 2 == 0;
        for (boolean isDurable : durableFirst ? List.of(true, false) : List.of(false, true)) {
          Path file = dir.resolve((isDurable ? "durable-" : "plain-") + r + "/mongo.mv");
          BiFunction<Path, Integer, EmbeddedMongo> open =
              isDurable ? EmbeddedMongo::fileBacked : EmbeddedMongo::fileBackedWithoutDurableWrites;
          try (EmbeddedMongo mongo = open.apply(file, 0);
              MongoClient client = MongoClients.create(mongo.connectionString())) {
            if (r == 0) {
              inserts(
                  client,
                  Math.min(5, seconds),
                  clients); // warm-up of this JVM and the client, not counted
            }
            double rate = inserts(client, seconds, clients);
            if (isDurable) {
              durable[r] = rate;
              EmbeddedMongo.DurableWrites stats = mongo.durableWrites().orElseThrow();
              writes += stats.writes();
              flushes += stats.flushes();
            } else {
              plain[r] = rate;
            }
            System.out.printf(
                "run %d: %s %,.0f writes/s%n", r + 1, isDurable ? "durable" : "plain", rate);
          }
        }
      }
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
    return new Result(
        ReplayBenchmark.median(durable),
        ReplayBenchmark.median(plain),
        flushes == 0 ? Double.NaN : (double) writes / flushes);
  }

  // The document shape of the suite's raw baseline: about the size of a stored event stream with
  // one event.
  private static double inserts(MongoClient client, double seconds, int clients) throws Exception {
    MongoCollection<Document> collection = client.getDatabase("bench").getCollection("writes");
    String payload = "x".repeat(600);
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              collection.insertOne(
                  new Document("_id", UUID.randomUUID().toString())
                      .append("aggregateType", "Intake")
                      .append("version", 1L)
                      .append("events", List.of(new Document("payload", payload))));
              count.incrementAndGet();
            }
            return null;
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination((long) seconds + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("writers did not finish");
    }
    return count.get() / ((System.nanoTime() - start) / 1e9);
  }
}
