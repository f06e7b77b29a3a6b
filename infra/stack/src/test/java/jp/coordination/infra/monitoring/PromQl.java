package jp.coordination.infra.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The series selectors of a PromQL expression: each metric name it reads, with the labels it fixes
 * by equality. Only as much of PromQL as that needs: functions, aggregations, keywords, label lists
 * of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/ {@code
 * group_right}, strings, numbers, durations, ranges and Grafana's {@code $variables} are skipped.
 * No Java PromQL parser is maintained (docs/ARCHITECTURE.md, "Choices").
 */
final class PromQl {

  /** A metric read by the expression, with its {@code label="value"} matchers. */
  record Selector(String metric, Map<String, String> equalLabels) {}

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  private final String text;
  private int at;

  private PromQl(String text) {
    this.text = text;
  }

  /** The selectors of {@code expression}, in order of appearance. */
  static List<Selector> selectors(String expression) {
    return new PromQl(expression).parse();
  }

  private List<Selector> parse() {
    List<Selector> selectors = new ArrayList<>();
    boolean labelListNext = false;
    String metricBefore = null; // a metric name just read, which a following {...} belongs to
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
        continue;
      }
      if (c == '{') {
        Map<String, String> labels = matchers();
        if (metricBefore != null) {
          selectors.set(selectors.size() - 1, new Selector(metricBefore, labels));
        } else if (labels.containsKey("__name__")) {
          String name = labels.remove("__name__");
          selectors.add(new Selector(name, labels));
        }
        metricBefore = null;
        continue;
      }
      metricBefore = null;
      if (c == '(' && labelListNext) {
        skipPast(')');
        labelListNext = false;
      } else if (c == '"' || c == '\'' || c == '`') {
        string();
      } else if (c == '[') {
        skipPast(']');
      } else if (c == '#') {
        skipPast('\n');
      } else if (c == '$') {
        variable();
      } else if (Character.isDigit(c)
          || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
        while (at < text.length()
            && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
          at++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        String word = identifier();
        String lower = word.toLowerCase(Locale.ROOT);
        labelListNext = LABEL_LIST_KEYWORDS.contains(lower);
        if (labelListNext
            || KEYWORDS.contains(lower)
            || AGGREGATIONS.contains(lower)
            || nextIs('(')) {
          continue;
        }
        selectors.add(new Selector(word, Map.of()));
        metricBefore = word;
      } else {
        at++;
      }
    }
    return List.copyOf(selectors);
  }

  /** Reads {@code {label op "value", ...}}; keeps the equalities. */
  private Map<String, String> matchers() {
    Map<String, String> equal = new LinkedHashMap<>();
    at++; // {
    String label = null;
    String operator = "";
    while (at < text.length() && text.charAt(at) != '}') {
      char c = text.charAt(at);
      if (c == '"' || c == '\'' || c == '`') {
        String value = string();
        if (label != null && operator.equals("=")) {
          equal.put(label, value);
        }
        label = null;
        operator = "";
      } else if (c == '=' || c == '!' || c == '~') {
        operator += c;
        at++;
      } else if (Character.isLetter(c) || c == '_') {
        label = identifier();
      } else {
        at++;
      }
    }
    at++; // }
    return equal;
  }

  private String string() {
    char quote = text.charAt(at++);
    StringBuilder value = new StringBuilder();
    while (at < text.length() && text.charAt(at) != quote) {
      if (text.charAt(at) == '\\' && quote != '`' && at + 1 < text.length()) {
        at++;
      }
      value.append(text.charAt(at++));
    }
    at++;
    return value.toString();
  }

  /**
   * Grafana's {@code $name}, {@code ${name}} or {@code ${name:format}}: a value, never a metric.
   */
  private void variable() {
    at++;
    if (at < text.length() && text.charAt(at) == '{') {
      skipPast('}');
    } else {
      identifier();
    }
  }

  private String identifier() {
    int start = at;
    while (at < text.length()
        && (Character.isLetterOrDigit(text.charAt(at))
            || text.charAt(at) == '_'
            || text.charAt(at) == ':')) {
      at++;
    }
    return text.substring(start, at);
  }

  private boolean nextIs(char expected) {
    int i = at;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == expected;
  }

  private void skipPast(char end) {
    int close = text.indexOf(end, at + 1);
    at = close < 0 ? text.length() : close + 1;
  }
}
