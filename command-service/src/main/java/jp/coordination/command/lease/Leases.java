package jp.coordination.command.lease;

import com.mongodb.client.MongoCollection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's leases: one per singleton job, all renewed (or sought) by one background thread
 * every third of the lease duration. Started before the jobs, stopped after them, releasing what it
 * holds so that a restart or another instance takes over at once.
 */
public class Leases implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  /** The names of the singleton jobs. */
  public static final String PUBLICATION_RELAY = "publication-relay";

  public static final String PUBLICATION_RECONCILIATION = "publication-reconciliation";
  public static final String PERSONAL_DATA_SWEEP = "personal-data-sweep";
  public static final String AUDIT_CHECKPOINTS = "audit-checkpoints";

  private final MongoCollection<Document> collection;
  private final Duration duration;
  private final String owner;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;

  public Leases(MongoCollection<Document> collection, Duration duration) {
    this.collection = collection;
    this.duration = duration;
    this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** The lease on a job, created on first use. */
  public Lease of(String job) {
    return leases.computeIfAbsent(
        job, name -> new Lease(collection, name, owner, duration, System::nanoTime));
  }

  /** This instance as it appears in the lease documents. */
  public String owner() {
    return owner;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    for (String job :
        List.of(
            PUBLICATION_RELAY,
            PUBLICATION_RECONCILIATION,
            PERSONAL_DATA_SWEEP,
            AUDIT_CHECKPOINTS)) {
      of(job);
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "leases");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(1, duration.dividedBy(3).toMillis());
    executor.scheduleWithFixedDelay(this::tickAll, 0, every, TimeUnit.MILLISECONDS);
  }

  private void tickAll() {
    for (Lease lease : leases.values()) {
      try {
        lease.tick();
      } catch (RuntimeException e) {
        // MongoDB unreachable: the lease lapses by itself once its renewals are too old.
        log.warn("Lease {} could not be renewed or sought: {}", lease.name(), e.toString());
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
    leases.values().forEach(Lease::release);
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  /**
   * Early in the start order and late in the stop order: the jobs that ask for leases run inside.
   */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
