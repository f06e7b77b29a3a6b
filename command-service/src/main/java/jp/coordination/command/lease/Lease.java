package jp.coordination.command.lease;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease on one singleton job, held by at most one instance at a time: a document {@code {_id:
 * name, owner, epoch, beat}} in {@code leases}.
 *
 * <p>No instance's clock is compared with another's. The holder renews by raising {@code beat}, on
 * the condition that {@code owner} and {@code epoch} are still its own; it counts itself the holder
 * only while its last successful renewal is less than half the lease's duration old by its own
 * monotonic clock. Another instance takes the lease over only after it has itself seen {@code
 * epoch} and {@code beat} unchanged for the whole duration, and then raises {@code epoch}, on the
 * condition that both are still what it saw. A holder that was stopped (SIGSTOP, a long GC pause)
 * therefore counts itself out before anyone can take over, and its next renewal fails on the new
 * epoch.
 *
 * <p>The jobs that hold leases make only writes that are safe if a paused holder makes one more
 * after it lost the lease (conditional, {@code $max}, or idempotent by id): the lease saves doing
 * the work twice; it is not what keeps the data right. {@link #epoch()} is there for any write that
 * wants to carry it.
 */
public final class Lease {
  private static final Logger log = LoggerFactory.getLogger(Lease.class);

  static final String OWNER = "owner";
  static final String EPOCH = "epoch";
  static final String BEAT = "beat";

  private final MongoCollection<Document> leases;
  private final String name;
  private final String owner;
  private final Duration duration;
  private final LongSupplier ticker;

  // Written by the thread that ticks, read by the jobs.
  private volatile long heldEpoch;
  private volatile long renewedAtNanos;
  private volatile boolean holding;
  // The other holder's state as last seen, and since when (this instance's ticker).
  private long seenEpoch = -1;
  private long seenBeat = -1;
  private long seenSinceNanos;
  private volatile boolean indexesReady;

  /**
   * @param name the job, the lease document's {@code _id}
   * @param owner this instance, unique per process start
   * @param duration how long a holder may go without renewing before another instance takes over
   * @param ticker a monotonic clock in nanoseconds ({@link System#nanoTime})
   */
  public Lease(
      MongoCollection<Document> leases,
      String name,
      String owner,
      Duration duration,
      LongSupplier ticker) {
    this.leases = leases;
    this.name = name;
    this.owner = owner;
    this.duration = duration;
    this.ticker = ticker;
  }

  public String name() {
    return name;
  }

  /** Whether this instance holds the lease now; cheap, no I/O. */
  public boolean held() {
    return holding && ticker.getAsLong() - renewedAtNanos < duration.toNanos() / 2;
  }

  /** The epoch of the lease while held: it grows with every change of holder. */
  public long epoch() {
    return heldEpoch;
  }

  /**
   * How often {@link #tick} should run: a third of the duration, so two renewals may fail in a row.
   */
  public Duration renewEvery() {
    return duration.dividedBy(3);
  }

  /**
   * Renews the lease if held, else tries to acquire it: creates it when there is none, takes it
   * over when its holder has not renewed for the whole duration as seen from here.
   *
   * @return whether this instance holds the lease afterwards
   */
  public synchronized boolean tick() {
    ensureIndexes();
    long now = ticker.getAsLong();
    if (holding) {
      long matched =
          leases
              .updateOne(
                  new Document("_id", name).append(OWNER, owner).append(EPOCH, heldEpoch),
                  Updates.inc(BEAT, 1L))
              .getMatchedCount();
      if (matched == 1) {
        renewedAtNanos = now;
        return held();
      }
      holding = false;
      log.warn("Lost the lease {} (epoch {}): another instance took it over", name, heldEpoch);
    }
    Document current = leases.find(new Document("_id", name)).first();
    if (current == null) {
      return create(now);
    }
    long epoch = number(current, EPOCH);
    long beat = number(current, BEAT);
    if (epoch != seenEpoch || beat != seenBeat) {
      seenEpoch = epoch;
      seenBeat = beat;
      seenSinceNanos = now;
      return false;
    }
    if (now - seenSinceNanos < duration.toNanos()) {
      return false;
    }
    long matched =
        leases
            .updateOne(
                new Document("_id", name).append(EPOCH, epoch).append(BEAT, beat),
                Updates.combine(
                    Updates.set(OWNER, owner),
                    Updates.set(BEAT, 0L),
                    Updates.set(EPOCH, epoch + 1)))
            .getMatchedCount();
    if (matched != 1) {
      return false;
    }
    log.info(
        "Took over the lease {} at epoch {} from {}, silent for {}",
        name,
        epoch + 1,
        current.getString(OWNER),
        duration);
    return hold(epoch + 1, now);
  }

  /** Gives the lease up (on shutdown), so that another instance need not wait out the duration. */
  public synchronized void release() {
    if (!holding) {
      return;
    }
    holding = false;
    try {
      leases.deleteOne(new Document("_id", name).append(OWNER, owner).append(EPOCH, heldEpoch));
    } catch (RuntimeException e) {
      log.debug("Releasing the lease {} failed; it will expire: {}", name, e.toString());
    }
  }

  private boolean create(long now) {
    try {
      leases.insertOne(
          new Document("_id", name).append(OWNER, owner).append(EPOCH, 1L).append(BEAT, 0L));
    } catch (MongoWriteException e) {
      if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
        return false; // another instance created it first
      }
      throw e;
    }
    log.info("Acquired the lease {} at epoch 1", name);
    return hold(1, now);
  }

  private boolean hold(long epoch, long now) {
    heldEpoch = epoch;
    renewedAtNanos = now;
    holding = true;
    seenEpoch = -1;
    seenBeat = -1;
    return true;
  }

  // Plain filters on exactly the keys of a unique index: the MongoDB stand-in answers those by
  // index.
  private void ensureIndexes() {
    if (!indexesReady) {
      leases.createIndex(
          Indexes.ascending("_id", OWNER, EPOCH),
          new IndexOptions().unique(true).name("lease_holder"));
      leases.createIndex(
          Indexes.ascending("_id", EPOCH, BEAT),
          new IndexOptions().unique(true).name("lease_state"));
      indexesReady = true;
    }
  }

  private static long number(Document document, String field) {
    Object value = document.get(field);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
