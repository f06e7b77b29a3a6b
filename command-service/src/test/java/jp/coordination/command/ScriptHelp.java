package jp.coordination.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a script of the repository root prints for {@code --help}, run from a copy that holds only
 * the script and its help file: no jar and no pom beside it, so a script that built or ran Java
 * first would fail here instead of answering.
 */
public final class ScriptHelp {

  private ScriptHelp() {}

  /**
   * Runs {@code script --help} from such a copy and returns its standard output. When the
   * checked-in help file differs from {@code usage}, the current usage is written to {@code
   * target/cli-help/} for copying over it.
   */
  public static String of(String script, String helpName, String usage, Path scratch)
      throws IOException, InterruptedException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(root.resolve(script))) {
      root = root.getParent();
    }
    Path helpFile = Path.of("docs", "cli", helpName + ".txt");
    Files.createDirectories(Path.of("target", "cli-help"));
    Files.writeString(
        Path.of("target", "cli-help", helpName + ".txt"), usage, StandardCharsets.UTF_8);
    Files.createDirectories(scratch.resolve(helpFile).getParent());
    Files.copy(root.resolve(script), scratch.resolve(script));
    Files.copy(root.resolve(helpFile), scratch.resolve(helpFile));
    Process process =
        new ProcessBuilder("bash", scratch.resolve(script).toString(), "--help")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(script + " --help ended").isTrue();
    assertThat(process.exitValue()).as(script + " --help exit code").isZero();
    return out;
  }

  /** The message of a failed comparison: how to bring the help file up to date. */
  public static String outOfDate(String helpName) {
    return "docs/cli/"
        + helpName
        + ".txt is not the CLI's usage: copy target/cli-help/"
        + helpName
        + ".txt (in this module) over it";
  }
}
