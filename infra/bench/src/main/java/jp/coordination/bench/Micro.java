package jp.coordination.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.bench.micro.EventSizes;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks of {@code jp.coordination.bench.micro} and writes their table into
 * docs/BENCHMARKS.md. Usage: {@code ./bench.sh Micro [--quick] [REGEX]} (REGEX: only the benchmarks
 * whose name matches, e.g. {@code Codec}).
 *
 * <p>Settings are for a shared 2-core machine: one fork, one thread, 5 measured iterations of 1 s
 * after 5 warm-up iterations of 2 s (about four minutes in all). The warm-up is long because
 * decoding reaches its steady state only after 5 to 10 s on such a machine (Jackson's deserializers
 * of every event type have to be compiled): with 1 s of warm-up, a first trial measured decoding 30
 * times slower than it is. {@code --quick} does 3 warm-up and 3 measured iterations of 1 s (about
 * two minutes), a smoke run whose first figures may still include compilation.
 */
public final class Micro {

  private static final String BEGIN = "<!-- micro:begin (written by ./bench.sh Micro) -->";
  private static final String END = "<!-- micro:end -->";

  /**
   * Each benchmark with its baseline in the same run; the ratio is time per operation ÷ the
   * baseline's.
   */
  private static final Map<String, String> BASELINES = new LinkedHashMap<>();

  static {
    BASELINES.put("CodecBenchmark.encodeMix", "CodecBenchmark.encodeMixBaseline");
    BASELINES.put("CodecBenchmark.decodeMix", "CodecBenchmark.decodeMixBaseline");
    BASELINES.put("CodecBenchmark.encodeRegistration", "CodecBenchmark.encodeRegistrationBaseline");
    BASELINES.put("CodecBenchmark.decodeRegistration", "CodecBenchmark.decodeRegistrationBaseline");
    // The per-event steps of the replay and the projection against decoding the event, which both
    // pay first.
    BASELINES.put("StatisticsBenchmark.foldOneEvent", "CodecBenchmark.decodeMix");
    BASELINES.put("DashboardBenchmark.evolve", "CodecBenchmark.decodeMix");
  }

  private Micro() {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    String only = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("");
    String loadBefore = Suite.loadAverage();
    Options options =
        new OptionsBuilder()
            .include("jp\\.coordination\\.bench\\.micro\\..*" + only + ".*")
            .forks(1)
            .threads(1)
            .warmupIterations(quick ? 3 : 5)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(1))
            // A fixed heap, so runs compare; the facts of the 100,000-event year fit easily.
            .jvmArgs("-Xmx1g", "-Xms1g")
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    String loadAfter = Suite.loadAverage();

    Map<String, Result<?>> byName = new LinkedHashMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String name = full.substring("jp.coordination.bench.micro.".length());
      byName.put(name, r.getPrimaryResult());
    }
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Result<?>> e : byName.entrySet()) {
      Result<?> result = e.getValue();
      String baseline = BASELINES.get(e.getKey());
      Result<?> base = baseline == null ? null : byName.get(baseline);
      String ratio =
          base == null || !base.getScoreUnit().equals(result.getScoreUnit())
              ? "—"
              : ratio(result.getScore() / base.getScore())
                  + " × "
                  + baseline.replaceFirst(".*\\.", "");
      rows.add(
          new String[] {
            "`" + e.getKey() + "`",
            String.format("%s ± %s", number(result.getScore()), number(result.getScoreError())),
            result.getScoreUnit(),
            ratio
          });
    }
    boolean noisy = byName.values().stream().anyMatch(r -> !(r.getScoreError() < r.getScore()));
    String body = section(quick, noisy, rows, loadBefore, loadAfter);
    System.out.println(body);
    MarkdownSection.write(
        Path.of("docs", "BENCHMARKS.md"), BEGIN, END, body, MarkdownSection.FirstTime.AT_END);
    System.out.println("wrote docs/BENCHMARKS.md");
  }

  private static String section(
      boolean quick, boolean noisy, List<String[]> rows, String loadBefore, String loadAfter) {
    StringBuilder s = new StringBuilder();
    s.append("## Micro-benchmarks (JMH)\n\n");
    s.append(
        "Regenerated by `./bench.sh Micro` (one fork, 5 warm-up iterations of 2 s and 5 measured of 1 s, about "
            + "four minutes) or `./bench.sh Micro --quick` (3 warm-up and 3 measured iterations of 1 s, about two minutes); "
            + "`./bench.sh Micro Codec` runs only the benchmarks whose name matches. Sources: `infra/bench/src/main/java/"
            + "jp/coordination/bench/micro`. Events are the replay benchmark's realistic mix (same seed): "
            + String.format(
                "%.0f bytes of JSON per event on average, %.0f for the personal-data registration",
                EventSizes.mixAverage(), EventSizes.registrationAverage())
            + ". Score: average time per operation with JMH's 99.9 % confidence interval; ratio: the time per operation "
            + "divided by its baseline's in the same run.\n\n");
    if (quick) {
      s.append(
          "> **These figures are from a `--quick` smoke run, not the recorded result:** 3 s of warm-up (decoding "
              + "may still be compiling) and three measured iterations, on a machine shared with other work, so the errors "
              + "are wide; run `./bench.sh Micro` on an idle machine before quoting them.\n\n");
    }
    s.append("Run of ")
        .append(LocalDate.now())
        .append(" on ")
        .append(
            String.format(
                "%d cores, %.1f GiB, %s %s",
                Runtime.getRuntime().availableProcessors(),
                SseBenchmark.totalMemoryGiB(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version")))
        .append("; load average ")
        .append(loadBefore)
        .append(" before and ")
        .append(loadAfter)
        .append(" after.\n\n");
    if (noisy) {
      // Said in the file, not only here: the table is read without the run's console output.
      s.append(
          "**Some errors exceed their scores:** the iterations of those benchmarks disagreed by more than the "
              + "figure itself (compilation still going on, or other processes taking the CPU), so their scores and the "
              + "ratios built on them are not findings.\n\n");
    }
    s.append("| benchmark | score ± error | unit | ratio to its baseline |\n|---|---|---|---|\n");
    for (String[] row : rows) {
      s.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    s.append("\nWhat each measures (one operation):\n\n")
        .append(
            "- `CodecBenchmark.encodeMix` / `decodeMix`: `EventCodec.encode` (envelope → bytes) and `decode` (bytes → "
                + "envelope) of one event, cycling through 4,096 events of the mix; baselines: plain Jackson writing the "
                + "codec's own JSON tree of the same envelope to bytes, and `ObjectMapper.readTree` of the same bytes (the "
                + "codec parses that tree, then binds the payload record: the ratio is the cost of the binding).\n")
        .append(
            "- `…Registration`: the same for `AtRiskHouseholdRegistered` with encrypted personal data alone (1,024 "
                + "events), the biggest event.\n")
        .append(
            "- `StatisticsBenchmark.foldOneEvent`: `StatisticsFacts.evolve`, one event into its aggregate's facts "
                + "as they were just before it (the replay's per-event step after decoding); baseline: decoding one event.\n")
        .append(
            "- `StatisticsBenchmark.computeYear`: `StatisticsCalculator.compute` of FY2025 over the facts of "
                + "100,000 events (what `Evaluation` does once, after the fold).\n")
        .append(
            "- `DashboardBenchmark.evolve`: `WardDashboards.evolve`, one aggregate change into one ward's dashboard "
                + "as it was just before (the projection's pure step, without its MongoDB read and write); baseline: "
                + "decoding one event.\n")
        .append(
            "- `DashboardBenchmark.render`: the JSON of one ward's dashboard as the stream sends it "
                + "(`DashboardResponse.of`, then Jackson), for the dashboard after 4,096 events of the mix: what the stream "
                + "now does once per ward, fiscal year and version instead of once per subscriber.\n");
    return s.toString();
  }

  private static String ratio(double value) {
    return String.format(value < 0.1 ? "%.3f" : "%.2f", value);
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    if (value >= 100) {
      return String.format("%,.0f", value);
    }
    if (value >= 10) {
      return String.format("%.1f", value);
    }
    return String.format("%.3f", value);
  }
}
