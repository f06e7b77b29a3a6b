package jp.coordination.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load: operation i is due at {@code start + i / rate}, whatever happened to the earlier
 * ones, and its latency is measured from that intended time, so a slow answer cannot hide the
 * requests that would have queued behind it. Bounded: {@code rate * seconds} operations, then at
 * most {@code drainSeconds} to let the last ones finish.
 */
final class OpenLoop {

  /** What one load point measured. */
  record Result(
      double offeredPerSecond,
      long sent,
      long ok,
      long errors,
      long unfinished,
      Histogram latencyMicros) {
    double p(double percentile) {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private OpenLoop() {}

  /**
   * Runs the load.
   *
   * @param operation given the index and the intended send time (nanoTime), starts the operation
   *     and answers whether it succeeded
   */
  static Result run(
      double rate,
      double seconds,
      double drainSeconds,
      BiFunction<Integer, Long, CompletableFuture<Boolean>> operation)
      throws InterruptedException {
    int total = (int) Math.round(rate * seconds);
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime() + 20_000_000L;
    double interval = 1e9 / rate;
    for (int i = 0; i < total; i++) {
      long intended = start + (long) (i * interval);
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      CompletableFuture<Boolean> f;
      try {
        f = operation.apply(i, intended);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete(
          (success, failure) -> {
            long micros = Math.max(0, (System.nanoTime() - intended) / 1000);
            synchronized (histogram) {
              histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
            }
            if (failure == null && Boolean.TRUE.equals(success)) {
              ok.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
            done.incrementAndGet();
          });
    }
    long deadline = System.nanoTime() + (long) (drainSeconds * 1e9);
    while (done.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Histogram copy;
    synchronized (histogram) {
      copy = histogram.copy();
    }
    return new Result(rate, total, ok.get(), errors.get(), total - done.get(), copy);
  }
}
