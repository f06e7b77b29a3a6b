package jp.coordination.query.jobs;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of jobs kept in MongoDB, one document each. The instance running a job raises the
 * document's {@code beat}; another instance takes the job for stopped once it has itself seen the
 * beat unchanged for {@code timeout} on its own monotonic clock, so a long job is never taken for
 * dead while it runs and no instance's clock is compared with another's.
 */
public final class JobBeats {

  /** The field of a job's document that the running instance raises. */
  public static final String FIELD = "beat";

  private static final Logger log = LoggerFactory.getLogger(JobBeats.class);

  private final MongoCollection<Document> jobs;
  private final Duration timeout;
  private final LongSupplier ticker;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** A job's beat as this instance last saw it change. */
  private record Seen(long beat, long sinceNanos) {}

  /**
   * @param timeout how long a job may show the same beat before it counts as stopped; several
   *     heartbeats, so a slow write is not taken for a death
   * @param ticker a monotonic clock in nanoseconds ({@link System#nanoTime})
   */
  public JobBeats(MongoCollection<Document> jobs, Duration timeout, LongSupplier ticker) {
    this.jobs = jobs;
    this.timeout = timeout;
    this.ticker = ticker;
  }

  /** Raises the beat of each job running here; a failed write is tried again at the next beat. */
  public void raise(Collection<String> ids) {
    for (String id : ids) {
      try {
        jobs.updateOne(Filters.eq("_id", id), Updates.inc(FIELD, 1L));
      } catch (RuntimeException e) {
        log.debug(
            "Heartbeat of {} {} failed: {}",
            jobs.getNamespace().getCollectionName(),
            id,
            e.toString());
      }
    }
  }

  /**
   * Whether the unfinished job in {@code doc}, run by another instance, has shown the same beat for
   * the timeout, as this instance has watched it.
   */
  public boolean stopped(String id, Document doc) {
    long beat = doc.get(FIELD) instanceof Number n ? n.longValue() : 0L;
    long now = ticker.getAsLong();
    Seen last =
        seen.compute(
            id,
            (key, before) ->
                before == null || before.beat() != beat ? new Seen(beat, now) : before);
    return now - last.sinceNanos() >= timeout.toNanos();
  }

  /** Forgets a job that finished. */
  public void forget(String id) {
    seen.remove(id);
  }

  public Duration timeout() {
    return timeout;
  }
}
