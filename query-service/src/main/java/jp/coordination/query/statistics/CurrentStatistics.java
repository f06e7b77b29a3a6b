package jp.coordination.query.statistics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
 * bounds how long any result is served, and zero turns the sharing off.
 */
public final class CurrentStatistics {

  private record Computed(
      Map<String, Long> absorbed, long absorbedReadAt, FiscalYearStatistics statistics) {}

  private final IntFunction<FiscalYearStatistics> compute;
  private final Supplier<Map<String, Long>> absorbed;
  private final Duration maxAge;
  private final LongSupplier nanoTime;
  private final Map<Integer, Computed> byYear = new ConcurrentHashMap<>();
  private final Map<Integer, Object> computing = new ConcurrentHashMap<>();

  /**
   * @param compute the year's statistics from the stored facts ({@link
   *     StatisticsProjection#statistics})
   * @param absorbed what the serving read models have absorbed ({@code PositionStore#absorbed})
   * @param maxAge how long after reading the positions a result may still be served
   */
  public CurrentStatistics(
      IntFunction<FiscalYearStatistics> compute,
      Supplier<Map<String, Long>> absorbed,
      Duration maxAge,
      LongSupplier nanoTime) {
    this.compute = compute;
    this.absorbed = absorbed;
    this.maxAge = maxAge;
    this.nanoTime = nanoTime;
  }

  public FiscalYearStatistics of(int fiscalYear) {
    if (maxAge.isZero()) {
      return compute.apply(fiscalYear);
    }
    long arrived = nanoTime.getAsLong();
    Map<String, Long> state = absorbed.get();
    Computed known = byYear.get(fiscalYear);
    if (known != null && young(known, arrived) && known.absorbed().equals(state)) {
      return known.statistics();
    }
    synchronized (computing.computeIfAbsent(fiscalYear, year -> new Object())) {
      known = byYear.get(fiscalYear);
      if (known != null
          && (known.absorbedReadAt() > arrived
              || (young(known, arrived) && known.absorbed().equals(state)))) {
        return known.statistics();
      }
      long readAt = nanoTime.getAsLong();
      Map<String, Long> now = absorbed.get();
      FiscalYearStatistics computed = compute.apply(fiscalYear);
      byYear.put(fiscalYear, new Computed(now, readAt, computed));
      return computed;
    }
  }

  private boolean young(Computed known, long now) {
    return now - known.absorbedReadAt() <= maxAge.toNanos();
  }
}
