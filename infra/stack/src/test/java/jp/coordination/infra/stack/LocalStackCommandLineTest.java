package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's entry point in this JVM: options, help, a port already in use and a missing
 * service jar end it at once with an exit code, before anything starts. Every port is an ephemeral
 * one, so the tests never meet (or block) a running stack.
 */
class LocalStackCommandLineTest {

  @TempDir Path dataDir;
  @TempDir Path servicesDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(List<String> args) {
    return LocalStack.run(
        args.toArray(String[]::new),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void an_unknown_option_or_a_bad_value_is_a_usage_error_that_names_it() {
    assertThat(run(List.of("--instance=2"))).isEqualTo(2);
    assertThat(errors()).contains("--instance=2");
    assertThat(run(List.of("--instances=0"))).isEqualTo(2);
    assertThat(errors()).contains("--instances");
    assertThat(run(List.of("--demo", "--region=regions/sennan.json"))).isEqualTo(2);
    assertThat(run(List.of("now"))).isEqualTo(2);
    assertThat(errors()).contains("now").contains("Usage: ./run-local.sh");
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void the_spellings_of_the_readme_and_the_tests_keep_working() {
    LocalStackSettings settings =
        LocalStackSettings.parse(
            new String[] {
              "--instances=2",
              "--mongo-in-memory",
              "--demo",
              "--data-dir",
              "elsewhere",
              "--kafka-port=19092"
            },
            Map.of());

    assertThat(settings.instances()).isEqualTo(2);
    assertThat(settings.mongoInMemory()).isTrue();
    assertThat(settings.demo()).isTrue();
    assertThat(settings.dataDir()).isEqualTo(Path.of("elsewhere"));
    assertThat(settings.kafkaPort()).isEqualTo(19092);
    assertThat(
            LocalStackSettings.parse(new String[] {"--infra-only", "--demo"}, Map.of()).infraOnly())
        .isTrue();
    assertThat(
            LocalStackSettings.parse(new String[] {"--infra-only=kafka"}, Map.of()).startsMongo())
        .isFalse();
  }

  @Test
  void help_goes_to_standard_output_and_exits_zero() {
    assertThat(run(List.of("--help"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: ./run-local.sh")
        .contains("--instances=N");
  }

  @Test
  void run_local_sh_help_answers_without_a_build_with_the_launcher_s_usage(@TempDir Path scratch)
      throws Exception {
    String usage = LocalStackOptions.commandLine(new LocalStackOptions()).getUsageMessage();

    assertThat(ScriptHelp.of("run-local.sh", "run-local", usage, scratch))
        .as(ScriptHelp.outOfDate("run-local"))
        .isEqualTo(usage);
  }

  @Test
  void
      a_service_port_already_in_use_ends_the_launcher_at_once_naming_the_port_and_the_option_that_moves_it()
          throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = squatter.getLocalPort();
      List<String> args = freePortsExcept("--query-port=" + port);

      long started = System.nanoTime();
      int exit = run(args);

      assertThat(exit).isEqualTo(1);
      assertThat(errors())
          .contains("Port " + port + " is already in use")
          .contains("query-service")
          .contains("--query-port")
          .doesNotContain("\tat ");
      assertThat(System.nanoTime() - started).as("at once").isLessThan(10_000_000_000L);
      assertThat(dataDir).as("nothing started").isEmptyDirectory();
    }
  }

  @Test
  void a_missing_service_jar_ends_the_launcher_at_once_with_one_line_naming_it_and_how_to_build_it()
      throws Exception {
    // A partial build: the command-service's jar is there, the query-service's is not.
    Files.createFile(servicesDir.resolve("command-service.jar"));

    int exit = run(List.of("--data-dir=" + dataDir, "--services-dir=" + servicesDir));

    assertThat(exit).isEqualTo(1);
    assertThat(errors().lines())
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains(servicesDir.resolve("query-service.jar").toAbsolutePath().toString())
        .contains("does not exist")
        .contains("mvn -B -DskipTests package");
    assertThat(dataDir).as("nothing started").isEmptyDirectory();
  }

  @Test
  void the_second_instance_s_port_in_use_is_found_before_anything_starts() throws Exception {
    // The second command-service listens two above the first: squat there, with the first's port
    // free.
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        int port = squatter.getLocalPort();
        if (!free(port - 2)) {
          continue;
        }
        List<String> args = freePortsExcept("--command-port=" + (port - 2));
        args.add("--instances=2");

        assertThat(run(args)).isEqualTo(1);
        assertThat(errors())
            .contains("Port " + port + " is already in use")
            .contains("command-service-2");
        assertThat(dataDir).as("nothing started").isEmptyDirectory();
        return;
      }
    }
    throw new AssertionError("no port with a free one two below it");
  }

  // Every option that sets a port, on a free ephemeral port, except the one given; jars that exist
  // (empty: the
  // launcher refuses a taken port before it would run them).
  private List<String> freePortsExcept(String given) throws Exception {
    Files.createFile(servicesDir.resolve("command-service.jar"));
    Files.createFile(servicesDir.resolve("query-service.jar"));
    List<String> args =
        new ArrayList<>(List.of("--data-dir=" + dataDir, "--services-dir=" + servicesDir, given));
    for (String option :
        List.of(
            "--mongo-port",
            "--kafka-port",
            "--command-port",
            "--query-port",
            "--command-management-port",
            "--query-management-port")) {
      if (!given.startsWith(option + "=")) {
        args.add(option + "=" + LocalStackInfraOnlyIT.freePort());
      }
    }
    return args;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (Exception e) {
      return false;
    }
  }
}
