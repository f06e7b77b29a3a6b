package jp.coordination.query.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.coordination.query.ScriptHelp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation's command line: its options, exit codes and progress lines, without a broker
 * behind it.
 */
class EvaluateCliTest {

  private final ByteArrayOutputStream result = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EvaluateCli.run(args, result, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void an_unknown_option_is_a_usage_error_that_names_it() {
    assertThat(run("--fiscal-year", "2025", "--fiscal-yaer", "2024")).isEqualTo(2);
    assertThat(errors()).contains("--fiscal-yaer");
    assertThat(result.size()).isZero();
  }

  @Test
  void a_missing_fiscal_year_or_a_bad_value_is_a_usage_error() {
    assertThat(run("--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
    assertThat(errors()).contains("--fiscal-year");
    assertThat(run("--fiscal-year", "2025", "--format", "xlsx")).isEqualTo(2);
    assertThat(errors()).contains("json, csv");
    assertThat(run("--fiscal-year", "1999")).isEqualTo(2);
    assertThat(run("--fiscal-year", "2025", "--recorded-up-to", "2026-03-15")).isEqualTo(2);
    assertThat(run("--fiscal-year", "2025", "--from-event-store", "mongodb://127.0.0.1:1"))
        .isEqualTo(2);
    assertThat(errors()).contains("needs a database");
    assertThat(run("--fiscal-year", "2025", "--region", "no-such-region.json")).isEqualTo(2);
  }

  @Test
  void help_goes_to_standard_output_and_exits_zero() {
    assertThat(run("--help")).isZero();
    assertThat(result.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: evaluate.sh")
        .contains("--from-event-store");
  }

  @Test
  void evaluate_sh_help_answers_without_a_build_with_the_cli_s_usage(@TempDir Path scratch)
      throws Exception {
    String usage = EvaluateCli.commandLine(new EvaluateCli(result, System.err)).getUsageMessage();

    assertThat(ScriptHelp.of("evaluate.sh", "evaluate", usage, scratch))
        .as(ScriptHelp.outOfDate("evaluate"))
        .isEqualTo(usage);
  }

  @Test
  void a_progress_line_gives_events_read_of_the_total_rate_and_time_left() {
    assertThat(EvaluateCli.progress(200_000, 1_000_000, 2.0))
        .isEqualTo("200,000 of 1,000,000 events (20.0%), 100,000 events/s, 8 s left");
  }

  @Test
  void a_log_grown_since_it_was_counted_never_shows_more_read_than_its_total() {
    assertThat(EvaluateCli.progress(300, 200, 1.0)).startsWith("300 of 300 events (100.0%)");
  }
}
