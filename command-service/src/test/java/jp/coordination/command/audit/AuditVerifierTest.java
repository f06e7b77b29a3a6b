package jp.coordination.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.coordination.command.ScriptHelp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's command line without a store: whatever goes wrong with the invocation or the
 * connection exits 2, never 1, which says the store was tampered with (AuditTamperingIT).
 */
class AuditVerifierTest {

  private static final String UNREACHABLE =
      "mongodb://127.0.0.1:1/coordination?serverSelectionTimeoutMS=300";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return AuditVerifier.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void an_unknown_option_is_a_usage_error_that_names_it_and_not_the_tampered_code() {
    assertThat(run("--chekpoint", "12", UNREACHABLE)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--chekpoint");
    assertThat(out.size()).isZero();
  }

  @Test
  void a_missing_uri_or_options_that_do_not_go_together_are_usage_errors() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("--export", "--checkpoint", "1", "--checkpoint-hash", "ab", UNREACHABLE))
        .isEqualTo(2);
    assertThat(run("--export", UNREACHABLE, "checkpoint.json")).isEqualTo(2);
    assertThat(run("--checkpoint", "twelve", "--checkpoint-hash", "ab", UNREACHABLE)).isEqualTo(2);
    assertThat(run("--checkpoint-hash", "ab", UNREACHABLE)).isEqualTo(2);
    assertThat(run(UNREACHABLE, "checkpoint.json", "extra")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("extra");
  }

  @Test
  void a_verification_that_cannot_run_exits_2_not_the_tampered_code() {
    assertThat(run(UNREACHABLE)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Verification could not run")
        .doesNotContain("\tat ");
    assertThat(run(UNREACHABLE, "no-such-checkpoint.json")).isEqualTo(2);
  }

  @Test
  void help_goes_to_standard_output_and_exits_zero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: verify-audit.sh")
        .contains("Exit codes:");
  }

  @Test
  void verify_audit_sh_help_answers_without_a_build_with_the_cli_s_usage(@TempDir Path scratch)
      throws Exception {
    String usage =
        AuditVerifier.commandLine(new AuditVerifier(System.out, System.err)).getUsageMessage();

    assertThat(ScriptHelp.of("verify-audit.sh", "verify-audit", usage, scratch))
        .as(ScriptHelp.outOfDate("verify-audit"))
        .isEqualTo(usage);
  }
}
