package jp.coordination.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jp.coordination.query.ScriptHelp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's options and progress lines, without a service behind it. */
class RebuildCliTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void an_unknown_read_model_is_refused_before_anything_starts() {
    int exit =
        new CommandLine(new RebuildCli(new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute("--read-models", "views,horoscopes");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--read-models")
        .contains("views, dashboards, statistics, facilities, lists");
  }

  @Test
  void an_unknown_option_is_a_usage_error_that_names_it() {
    int exit =
        RebuildCli.commandLine(new RebuildCli(new PrintStream(err, true, StandardCharsets.UTF_8)))
            .setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8))
            .execute("--read-model", "views");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--read-model");
  }

  @Test
  void rebuild_sh_help_answers_without_a_build_with_the_cli_s_usage(@TempDir Path scratch)
      throws Exception {
    String usage = RebuildCli.commandLine(new RebuildCli(System.err)).getUsageMessage();

    assertThat(ScriptHelp.of("rebuild.sh", "rebuild", usage, scratch))
        .as(ScriptHelp.outOfDate("rebuild"))
        .isEqualTo(usage);
  }

  @Test
  void a_progress_line_gives_events_read_of_the_total_rate_and_time_left() {
    RebuildJob job =
        new RebuildJob(
            "r1",
            RebuildJob.Status.RUNNING,
            ReadModels.ALL,
            250_000,
            1_000_000,
            12_500.0,
            60L,
            Instant.parse("2026-11-30T18:00:00Z"),
            null,
            null,
            0,
            1,
            "i");

    assertThat(RebuildCli.progress(job))
        .isEqualTo("RUNNING 250,000 of 1,000,000 events (25.0%), 12,500 events/s, 60 s left");
  }

  @Test
  void read_models_are_checked_and_ordered_and_none_means_all() {
    assertThat(ReadModels.chosen(null)).isEqualTo(ReadModels.ALL);
    assertThat(ReadModels.chosen(List.of("statistics", "views", "views")))
        .containsExactly("views", "statistics");
  }
}
