package jp.coordination.command.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes a checkpoint every {@code coordination.audit.checkpoint-interval} on a background thread. A
 * failure is logged and retried at the next tick; the command path never waits for it.
 */
public class CheckpointSchedule implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

  private final Checkpoints checkpoints;
  private final Duration interval;
  private final java.util.function.BooleanSupplier leaseHeld;
  private ScheduledExecutorService executor;

  /**
   * @param leaseHeld whether this instance holds the checkpoints' lease; only the holder takes them
   *     (and should a paused former holder still insert one, its number is taken: the insert fails)
   */
  public CheckpointSchedule(
      Checkpoints checkpoints, Duration interval, java.util.function.BooleanSupplier leaseHeld) {
    this.checkpoints = checkpoints;
    this.interval = interval;
    this.leaseHeld = leaseHeld;
  }

  @Override
  public synchronized void start() {
    if (interval == null || interval.isZero() || interval.isNegative()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "audit-checkpoints");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::take, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void take() {
    if (!leaseHeld.getAsBoolean()) {
      return;
    }
    try {
      Checkpoint checkpoint = checkpoints.create();
      log.info(
          "Audit checkpoint {} taken over {} streams, {} events, hash {}",
          checkpoint.number(),
          checkpoint.streams(),
          checkpoint.events(),
          checkpoint.hash());
    } catch (RuntimeException e) {
      log.warn("Audit checkpoint failed; retrying at the next interval", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
