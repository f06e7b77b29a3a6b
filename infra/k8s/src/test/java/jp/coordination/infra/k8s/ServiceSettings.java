package jp.coordination.infra.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service serves and reads, as its application.yml files say: ports, health groups,
 * environment variables.
 */
record ServiceSettings(
    String name,
    int port,
    int managementPort,
    Set<String> healthGroups,
    boolean probesEnabled,
    Set<String> variables) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");
  private static final Pattern DEFAULT = Pattern.compile("^\\$\\{[A-Za-z0-9_]+:(\\d+)}$");

  static ServiceSettings of(Path repository, String service) {
    Path resources = repository.resolve(service).resolve("src/main/resources");
    JsonNode application = Kustomize.readAll(resources.resolve("application.yml")).get(0);
    JsonNode health = application.path("management").path("endpoint").path("health");
    Set<String> groups = new TreeSet<>();
    health.path("group").fieldNames().forEachRemaining(groups::add);
    return new ServiceSettings(
        service,
        defaultPort(application.path("server").path("port")),
        defaultPort(application.path("management").path("server").path("port")),
        groups,
        health.path("probes").path("enabled").asBoolean(false),
        variables(resources));
  }

  /**
   * The port a placeholder such as {@code ${COMMAND_SERVICE_PORT:8081}} gives when nothing is set.
   */
  private static int defaultPort(JsonNode setting) {
    Matcher port = DEFAULT.matcher(setting.asText());
    if (setting.isInt()) {
      return setting.asInt();
    }
    if (!port.matches()) {
      throw new IllegalStateException("not a port with a default: " + setting);
    }
    return Integer.parseInt(port.group(1));
  }

  /**
   * Every environment variable named in a placeholder of application.yml or one of its profiles.
   */
  private static Set<String> variables(Path resources) {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(resources)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches("application(-.+)?\\.yml"))
              .toList()) {
        Matcher placeholder = PLACEHOLDER.matcher(Files.readString(file));
        while (placeholder.find()) {
          names.add(placeholder.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
