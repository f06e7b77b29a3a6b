package jp.coordination.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitoringFilesTest {
  private static final Path SHIPPED = Path.of("..", "monitoring");

  @Test
  void the_shipped_dashboard_and_alert_rules_parse_and_have_the_expected_structure() {
    MonitoringFiles files = MonitoringFiles.read(SHIPPED);

    assertThat(files.structureProblems()).isEmpty();
    assertThat(files.queries())
        .extracting(MonitoringFiles.Query::origin)
        .contains(
            "alert CoordinationServiceDown",
            "alert CoordinationPublicationStalled",
            "alert CoordinationConsumerLagHigh",
            "alert CoordinationEventsParked",
            "alert CoordinationCommandErrors",
            "alert CoordinationCommandLatencyHigh");
    // Every query reads at least one metric: a typo that makes it a function call would read
    // nothing.
    assertThat(files.queries())
        .allSatisfy(
            query ->
                assertThat(PromQl.selectors(query.expression())).as(query.origin()).isNotEmpty());
  }

  @Test
  void a_panel_without_datasource_or_target_and_a_rule_without_severity_are_problems()
      throws Exception {
    MonitoringFiles files =
        new MonitoringFiles(
            new ObjectMapper()
                .readTree(
                    """
                    {"title": "t", "uid": "u",
                     "__inputs": [{"name": "DS_PROMETHEUS", "type": "datasource", "pluginId": "prometheus"}],
                     "panels": [{"id": 1, "type": "row", "title": "r", "panels": [
                       {"id": 2, "type": "timeseries", "title": "empty",
                        "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}, "targets": []},
                       {"id": 3, "type": "timeseries", "title": "fixed datasource",
                        "datasource": {"type": "prometheus", "uid": "abc"}, "targets": [{"refId": "A", "expr": "x"}]}]}]}
                    """),
            new YAMLMapper()
                .readTree(
                    """
                    groups:
                      - name: g
                        rules:
                          - alert: A
                            expr: x > 0
                            for: 5m
                            annotations: {summary: s}
                    """));

    assertThat(files.structureProblems())
        .containsExactlyInAnyOrder(
            "dashboard panel 'empty': no target",
            "dashboard panel 'fixed datasource': datasource is not ${DS_PROMETHEUS}",
            "alert 'A': severity is not one of " + MonitoringFiles.SEVERITIES_TEXT);
  }

  @Test
  void
      a_metric_is_missing_unless_the_service_it_names_exports_it_and_one_naming_none_must_be_on_every_scrape()
          throws Exception {
    MonitoringFiles files =
        new MonitoringFiles(
            new ObjectMapper().readTree("{\"panels\": []}"),
            new YAMLMapper()
                .readTree(
                    """
                    groups:
                      - name: g
                        rules:
                          - {alert: Renamed, expr: 'coordination_old_name{service="command-service"} > 0'}
                          - {alert: Jvm, expr: 'jvm_memory_used_bytes > 0'}
                          - {alert: Down, expr: 'up == 0'}
                          - {alert: Fine, expr: 'coordination_events_parked{service="query-service"} > 0'}
                    """));
    Map<String, Set<String>> scrapes =
        Map.of(
            "command-service",
                Scrape.sampleNames(
                    "# TYPE jvm_memory_used_bytes gauge\njvm_memory_used_bytes{area=\"heap\"} 1\n"),
            "query-service",
                Scrape.sampleNames("coordination_events_parked{service=\"query-service\"} 0.0\n"));

    assertThat(files.missingMetrics(scrapes))
        .containsOnly(
            Map.entry("alert Renamed", Set.of("coordination_old_name on command-service")),
            Map.entry("alert Jvm", Set.of("jvm_memory_used_bytes on query-service")));
  }
}
