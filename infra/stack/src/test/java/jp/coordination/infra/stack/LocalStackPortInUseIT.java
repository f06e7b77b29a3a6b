package jp.coordination.infra.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackPortInUseIT {

  @TempDir Path dataDir;

  @Test
  void a_port_already_in_use_ends_the_launcher_at_once_with_a_message_naming_it() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = squatter.getLocalPort();
      Process launcher =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  LocalStack.class.getName(),
                  "--infra-only",
                  "--data-dir=" + dataDir,
                  "--mongo-port=" + port,
                  "--kafka-port=" + LocalStackInfraOnlyIT.freePort())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        String errors = new String(launcher.getErrorStream().readAllBytes(), UTF_8);
        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(errors)
            .contains("Port " + port + " is already in use")
            .contains("--mongo-port")
            .doesNotContain("\tat ");
        assertThat(dataDir.resolve("mongo.mv")).as("nothing started").doesNotExist();
        assertThat(dataDir.resolve("kafka")).as("nothing started").doesNotExist();
      } finally {
        launcher.destroyForcibly();
      }
    }
  }

  @Test
  void a_service_port_in_use_is_named_with_the_option_that_moves_it() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = squatter.getLocalPort();
      LocalStackSettings settings =
          LocalStackSettings.parse(new String[] {"--query-port=" + port}, Map.of());
      assertThatThrownBy(() -> LocalStack.refuseTakenPorts(settings.listeningPorts()))
          .isInstanceOf(LocalStack.PortInUseException.class)
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("query-service")
          .hasMessageContaining("--query-port");
    }
  }

  @Test
  void free_ports_pass() throws Exception {
    LocalStackSettings settings =
        LocalStackSettings.parse(
            new String[] {
              "--infra-only",
              "--mongo-port=" + LocalStackInfraOnlyIT.freePort(),
              "--kafka-port=" + LocalStackInfraOnlyIT.freePort()
            },
            Map.of());
    LocalStack.refuseTakenPorts(settings.listeningPorts());
  }
}
