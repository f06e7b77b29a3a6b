package jp.coordination.infra.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard and the Prometheus alert rules shipped under {@code infra/monitoring}:
 * their queries, what is wrong with their structure, and which metrics they name that a service
 * does not export.
 */
public final class MonitoringFiles {
  /** The datasource input Grafana asks for on import. */
  static final String DATASOURCE_UID = "${DS_PROMETHEUS}";

  /** Prometheus' own series, not a service's. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  static final String SEVERITIES_TEXT = "critical, warning, info";
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+)");

  /** One PromQL expression and where it is written. */
  public record Query(String origin, String expression) {}

  private final JsonNode dashboard;
  private final JsonNode alerts;

  MonitoringFiles(JsonNode dashboard, JsonNode alerts) {
    this.dashboard = dashboard;
    this.alerts = alerts;
  }

  /** The files as shipped; {@code monitoringDirectory} is {@code infra/monitoring}. */
  public static MonitoringFiles read(Path monitoringDirectory) {
    try {
      return new MonitoringFiles(
          new ObjectMapper()
              .readTree(
                  monitoringDirectory.resolve("grafana/coordination-dashboard.json").toFile()),
          new YAMLMapper().readTree(Files.readString(monitoringDirectory.resolve("alerts.yml"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every expression of both files: panel targets, template variable queries, alert rules. */
  public List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new Query(
                "dashboard panel '"
                    + panel.path("title").asText()
                    + "' target "
                    + target.path("refId").asText(),
                target.path("expr").asText()));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
      if (m.find()) {
        queries.add(new Query("dashboard variable $" + variable.path("name").asText(), m.group(1)));
      }
    }
    for (JsonNode group : alerts.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        queries.add(new Query("alert " + rule.path("alert").asText(), rule.path("expr").asText()));
      }
    }
    return queries;
  }

  /**
   * What would stop Grafana's import or Prometheus' rule loading, or leave a panel empty; none when
   * fine.
   */
  public List<String> structureProblems() {
    List<String> problems = new ArrayList<>();
    boolean declared = false;
    for (JsonNode input : dashboard.path("__inputs")) {
      declared |=
          input.path("name").asText().equals("DS_PROMETHEUS")
              && input.path("type").asText().equals("datasource")
              && input.path("pluginId").asText().equals("prometheus");
    }
    if (!declared) {
      problems.add("dashboard: no datasource input DS_PROMETHEUS of plugin prometheus in __inputs");
    }
    if (dashboard.path("title").asText().isBlank() || dashboard.path("uid").asText().isBlank()) {
      problems.add("dashboard: no title or uid");
    }
    Set<Integer> ids = new HashSet<>();
    List<JsonNode> panels = panels();
    if (panels.isEmpty()) {
      problems.add("dashboard: no panels");
    }
    for (JsonNode panel : panels) {
      String name = "dashboard panel '" + panel.path("title").asText() + "'";
      if (!ids.add(panel.path("id").asInt(-1))) {
        problems.add(name + ": id missing or used twice");
      }
      if (!panel.path("datasource").path("uid").asText().equals(DATASOURCE_UID)) {
        problems.add(name + ": datasource is not " + DATASOURCE_UID);
      }
      if (panel.path("targets").isEmpty()) {
        problems.add(name + ": no target");
      }
      for (JsonNode target : panel.path("targets")) {
        if (target.path("expr").asText().isBlank() || target.path("refId").asText().isBlank()) {
          problems.add(name + ": a target without expr or refId");
        }
      }
    }
    if (!alerts.path("groups").isArray() || alerts.path("groups").isEmpty()) {
      problems.add("alerts: no groups");
    }
    Set<String> alertNames = new HashSet<>();
    for (JsonNode group : alerts.path("groups")) {
      if (group.path("name").asText().isBlank() || group.path("rules").isEmpty()) {
        problems.add("alerts: a group without name or rules");
      }
      for (JsonNode rule : group.path("rules")) {
        String name = "alert '" + rule.path("alert").asText() + "'";
        if (rule.path("alert").asText().isBlank() || !alertNames.add(rule.path("alert").asText())) {
          problems.add(name + ": name missing or used twice");
        }
        if (rule.path("expr").asText().isBlank()) {
          problems.add(name + ": no expr");
        }
        if (!rule.path("for").asText().matches("\\d+[smhd]")) {
          problems.add(name + ": 'for' is not a duration");
        }
        if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
          problems.add(name + ": severity is not one of " + SEVERITIES_TEXT);
        }
        if (rule.path("annotations").path("summary").asText().isBlank()) {
          problems.add(name + ": no summary");
        }
      }
    }
    return problems;
  }

  /**
   * The metrics the queries name that the scrapes lack, by query. A selector fixing {@code
   * service="x"} must be on the scrape of x; one that does not must be on every scrape given
   * (Spring's JVM and HTTP meters, say).
   *
   * @param scrapes the sample names of each service's {@code /actuator/prometheus}, by service name
   */
  public Map<String, Set<String>> missingMetrics(Map<String, Set<String>> scrapes) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (Query query : queries()) {
      for (PromQl.Selector selector : PromQl.selectors(query.expression())) {
        if (PROMETHEUS_OWN.contains(selector.metric())) {
          continue;
        }
        String service = selector.equalLabels().get("service");
        Set<String> services = service == null ? scrapes.keySet() : Set.of(service);
        for (String s : services) {
          if (!scrapes.getOrDefault(s, Set.of()).contains(selector.metric())) {
            missing
                .computeIfAbsent(query.origin(), k -> new TreeSet<>())
                .add(selector.metric() + " on " + s);
          }
        }
      }
    }
    return missing;
  }

  private List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    collect(dashboard.path("panels"), panels);
    return panels;
  }

  /** Panels, with those inside rows; rows themselves hold no query. */
  private static void collect(JsonNode list, List<JsonNode> into) {
    for (JsonNode panel : list) {
      if (panel.path("type").asText().equals("row")) {
        collect(panel.path("panels"), into);
      } else {
        into.add(panel);
      }
    }
  }
}
