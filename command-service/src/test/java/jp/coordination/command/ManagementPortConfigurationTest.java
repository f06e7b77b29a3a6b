package jp.coordination.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The command-service's metrics are served on a port of their own, not on the API's port. */
class ManagementPortConfigurationTest {

  /** No beans of its own: only the configuration files are read. */
  static class ConfigurationFilesOnly {}

  @Test
  void the_actuator_has_a_port_of_its_own_by_default_and_it_is_configurable() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ConfigurationFilesOnly.class)
            .web(WebApplicationType.NONE)
            .profiles("local")
            .run()) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("server.port")).isEqualTo("8081");
      assertThat(environment.getProperty("management.server.port")).isEqualTo("9181");
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ConfigurationFilesOnly.class)
            .web(WebApplicationType.NONE)
            .profiles("local")
            .run("--COMMAND_MANAGEMENT_PORT=19181")) {
      assertThat(context.getEnvironment().getProperty("management.server.port")).isEqualTo("19181");
    }
  }
}
