package jp.coordination.infra.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.coordination.infra.monitoring.PromQl.Selector;
import org.junit.jupiter.api.Test;

class PromQlTest {

  private static List<String> metrics(String expression) {
    return PromQl.selectors(expression).stream().map(Selector::metric).toList();
  }

  @Test
  void a_quantile_over_buckets_names_the_bucket_series_only() {
    assertThat(
            metrics(
                "histogram_quantile(0.99, sum by (le, command) "
                    + "(rate(coordination_command_latency_seconds_bucket{service=\"command-service\"}[$__rate_interval])))"))
        .containsExactly("coordination_command_latency_seconds_bucket");
  }

  @Test
  void labels_of_grouping_and_matching_clauses_are_not_metrics() {
    assertThat(
            metrics(
                "sum(rate(a_total[5m])) by (service) / on (instance) group_left (version) "
                    + "max without (job) (b_info) + ignoring(x) c"))
        .containsExactly("a_total", "b_info", "c");
  }

  @Test
  void
      functions_aggregations_keywords_numbers_durations_strings_and_grafana_variables_are_not_metrics() {
    assertThat(
            metrics(
                "topk(5, label_replace(x_seconds_sum offset 1h, \"dst\", \"$1\", \"src\", \"(.*)\")) > bool 1e3 "
                    + "and count_values(\"v\", y) or vector(0) unless z[${__range}:1m] * Inf"))
        .containsExactly("x_seconds_sum", "y", "z");
  }

  @Test
  void equality_matchers_are_kept_and_regex_or_negative_ones_are_not() {
    assertThat(
            PromQl.selectors(
                "jvm_memory_used_bytes{service=~\"$service\", area=\"heap\", id!=\"x\"} "
                    + "- up{job='query-service'} + {__name__=\"named\", service=\"command-service\"}"))
        .containsExactly(
            new Selector("jvm_memory_used_bytes", Map.of("area", "heap")),
            new Selector("up", Map.of("job", "query-service")),
            new Selector("named", Map.of("service", "command-service")));
  }

  @Test
  void a_metric_followed_by_a_binary_operator_keeps_no_labels_of_the_next_selector() {
    assertThat(PromQl.selectors("a > b{service=\"q\"}"))
        .containsExactly(new Selector("a", Map.of()), new Selector("b", Map.of("service", "q")));
  }
}
