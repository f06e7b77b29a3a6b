package jp.coordination.infra.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB stand-in ({@code mongo-java-server}) listening on 127.0.0.1. It speaks the wire
 * protocol to the real driver but has no sessions, transactions or change streams, and answers
 * queries through the {@code _id} index only.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

  // A write waiting for its flush holds its connection's netty thread, and only writes that wait
  // together share a
  // flush: with netty's default of 4 threads on 2 cores, a flush served 2 writes on average. The
  // threads mostly wait.
  private static final int DURABLE_WORKER_THREADS = 32;

  private final MongoServer server;
  private final MongoBackend backend;
  private final int port;
  private boolean closed;

  private EmbeddedMongo(MongoBackend backend, int requestedPort) {
    this(backend, requestedPort, 0);
  }

  /** {@code workerThreads} 0: netty's default, twice the number of cores. */
  private EmbeddedMongo(MongoBackend backend, int requestedPort, int workerThreads) {
    this.backend = backend;
    this.server = new MongoServer(backend);
    try {
      server.bind(new InetSocketAddress("127.0.0.1", requestedPort), 0, workerThreads);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    this.port = server.getLocalAddress().getPort();
  }

  /** A server whose data lives in memory only, on a free port. */
  public static EmbeddedMongo inMemory() {
    return inMemory(0);
  }

  /**
   * A server whose data lives in memory only: gone when it stops.
   *
   * @param port the port to listen on, 0 for a free one
   */
  public static EmbeddedMongo inMemory(int port) {
    EmbeddedMongo mongo = new EmbeddedMongo(new SnapshotMemoryBackend(), port);
    log.info("MongoDB stand-in (in memory) listening on {}", mongo.connectionString());
    return mongo;
  }

  /**
   * A server whose data is kept in an H2 MVStore file, so it survives a restart. A write is
   * answered only once it is committed and forced to disk (grouped with the writes waiting at the
   * same moment), so an acknowledged write survives the process being killed; see
   * docs/ARCHITECTURE.md, "Durability of the local stand-in".
   *
   * @param file the store file; its directory is created if missing
   * @param port the port to listen on, 0 for a free one
   */
  public static EmbeddedMongo fileBacked(Path file, int port) {
    Path absolute = createParent(file);
    EmbeddedMongo mongo =
        new EmbeddedMongo(new DurableH2Backend(absolute.toString()), port, DURABLE_WORKER_THREADS);
    log.info(
        "MongoDB stand-in (file {}, durable writes) listening on {}",
        absolute,
        mongo.connectionString());
    return mongo;
  }

  /**
   * The file-backed server as mongo-java-server ships it: writes are answered while still in memory
   * and reach the file within about a second, so a killed process loses the last second of
   * acknowledged writes. Only for measuring what durable writes cost; the local stack never uses
   * it.
   */
  public static EmbeddedMongo fileBackedWithoutDurableWrites(Path file, int port) {
    Path absolute = createParent(file);
    EmbeddedMongo mongo = new EmbeddedMongo(new H2Backend(absolute.toString()), port);
    log.info(
        "MongoDB stand-in (file {}, writes NOT durable when answered) listening on {}",
        absolute,
        mongo.connectionString());
    return mongo;
  }

  private static Path createParent(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + absolute, e);
    }
    return absolute;
  }

  /**
   * How the group commit has fared: writes that waited for durability and the flushes that served
   * them; empty unless the server was made with {@link #fileBacked(Path, int)}.
   */
  public Optional<DurableWrites> durableWrites() {
    if (backend instanceof DurableH2Backend durable) {
      return Optional.of(durable.stats());
    }
    return Optional.empty();
  }

  /**
   * Counts of the group commit.
   *
   * @param writes commands that waited until their changes were on disk
   * @param flushes commit-and-fsync rounds; {@code writes / flushes} is the mean group size
   */
  public record DurableWrites(long writes, long flushes) {}

  /** {@code mongodb://127.0.0.1:<port>}, without a database: append {@code /name} to choose one. */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops listening and closes the backend, which writes the file store to disk. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdownNow();
    // shutdownNow closes the backend too; closing again is harmless and makes sure the H2 store is
    // flushed.
    backend.close();
    log.info("MongoDB stand-in on port {} stopped", port);
  }
}
