package jp.coordination.query.statistics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live statistics of a fiscal year as {@code GET /api/statistics/{fiscalYear}} serves them:
 * computed from the stored facts by the one computation ({@link StatisticsProjection#statistics}),
 * once per state of the read models, and shared by the requests until that state changes.
 *
 * <p>Computing a year reads the fact document of every aggregate in it and the years before, which
 * grows with the record (seconds at tens of thousands of aggregates), while the answer only changes
 * when a record is applied. The stored consumer positions of the serving generation say when that
 * happened: a position is stored only after the read models absorbed the records before it, so a
 * result computed after reading the positions is at least as new as they are. Only one computation
 * of a year runs at a time; a request that finds the result outdated waits for the one under way
 * and takes its result if that one read the same positions, or read them after the request arrived.
 *
 * <p>An operator's retry of a parked record changes facts without moving a position; {@code maxAge}
 * bounds how long a result is served without being computed again, and zero turns the sharing off.
 * A result past its age whose positions have not moved is still served while a computation runs in
 * the background ({@code refresher}): nothing a request could see has been applied since, and a
 * year of a large record takes long enough to compute (tens of seconds at a million events) that
 * making the request wait for it would turn a periodic check into a stall.
 */
public final class CurrentStatistics {
  private static final Logger log = LoggerFactory.getLogger(CurrentStatistics.class);

  private record Computed(
      Map<String, Long> absorbed, long absorbedReadAt, FiscalYearStatistics statistics) {}

  private final IntFunction<FiscalYearStatistics> compute;
  private final Supplier<Map<String, Long>> absorbed;
  private final Duration maxAge;
  private final LongSupplier nanoTime;
  private final Executor refresher;
  private final Map<Integer, Computed> byYear = new ConcurrentHashMap<>();
  private final Map<Integer, Object> computing = new ConcurrentHashMap<>();
  private final Set<Integer> refreshing = ConcurrentHashMap.newKeySet();

  /**
   * @param compute the year's statistics from the stored facts ({@link
   *     StatisticsProjection#statistics})
   * @param absorbed what the serving read models have absorbed ({@code PositionStore#absorbed})
   * @param maxAge how long after reading the positions a result is served before it is computed
   *     again
   * @param refresher runs the computation of a result past its age whose positions have not moved
   */
  public CurrentStatistics(
      IntFunction<FiscalYearStatistics> compute,
      Supplier<Map<String, Long>> absorbed,
      Duration maxAge,
      LongSupplier nanoTime,
      Executor refresher) {
    this.compute = compute;
    this.absorbed = absorbed;
    this.maxAge = maxAge;
    this.nanoTime = nanoTime;
    this.refresher = refresher;
  }

  public FiscalYearStatistics of(int fiscalYear) {
    if (maxAge.isZero()) {
      return compute.apply(fiscalYear);
    }
    long arrived = nanoTime.getAsLong();
    Map<String, Long> state = absorbed.get();
    Computed known = byYear.get(fiscalYear);
    if (known != null && known.absorbed().equals(state)) {
      if (!young(known, arrived)) {
        refreshInBackground(fiscalYear);
      }
      return known.statistics();
    }
    synchronized (lock(fiscalYear)) {
      known = byYear.get(fiscalYear);
      if (known != null
          && (known.absorbedReadAt() > arrived
              || (young(known, arrived) && known.absorbed().equals(state)))) {
        return known.statistics();
      }
      return computeNow(fiscalYear);
    }
  }

  private FiscalYearStatistics computeNow(int fiscalYear) {
    long readAt = nanoTime.getAsLong();
    Map<String, Long> now = absorbed.get();
    FiscalYearStatistics computed = compute.apply(fiscalYear);
    byYear.put(fiscalYear, new Computed(now, readAt, computed));
    return computed;
  }

  private void refreshInBackground(int fiscalYear) {
    if (!refreshing.add(fiscalYear)) {
      return;
    }
    long asked = nanoTime.getAsLong();
    try {
      refresher.execute(
          () -> {
            try {
              synchronized (lock(fiscalYear)) {
                Computed known = byYear.get(fiscalYear);
                // A request that found the positions moved may have computed it meanwhile.
                if (known == null || known.absorbedReadAt() < asked) {
                  computeNow(fiscalYear);
                }
              }
            } catch (RuntimeException e) {
              // The result served stays; a request after the age asks again, and one that finds
              // the positions moved computes in its own thread and answers the failure.
              log.warn("Recomputing the statistics of fiscal year {} failed", fiscalYear, e);
            } finally {
              refreshing.remove(fiscalYear);
            }
          });
    } catch (RuntimeException refused) {
      // A refresher that refuses (shut down, full) leaves the result as it is; the next request
      // past the age asks again.
      refreshing.remove(fiscalYear);
    }
  }

  private Object lock(int fiscalYear) {
    return computing.computeIfAbsent(fiscalYear, year -> new Object());
  }

  private boolean young(Computed known, long now) {
    return now - known.absorbedReadAt() <= maxAge.toNanos();
  }
}
