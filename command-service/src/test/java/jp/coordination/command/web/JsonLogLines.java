package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * The service's console output from a mark on, read as a log platform reads it: one JSON object per
 * line. A line that is not JSON fails the test.
 */
final class JsonLogLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CapturedOutput output;
  private final int mark;

  private JsonLogLines(CapturedOutput output) {
    this.output = output;
    this.mark = output.getOut().length();
  }

  /** Marks where the lines of interest begin: everything the service writes after now. */
  static JsonLogLines from(CapturedOutput output) {
    return new JsonLogLines(output);
  }

  /** The lines written since the mark, each parsed. */
  List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    output
        .getOut()
        .substring(mark)
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(line -> lines.add(parse(line)));
    return lines;
  }

  /** The one line the command log wrote. */
  JsonNode commandLine() {
    List<JsonNode> commandLines =
        lines().stream()
            .filter(line -> CommandLog.class.getName().equals(line.at("/log/logger").asText()))
            .toList();
    assertThat(commandLines).as("lines of the command log").hasSize(1);
    return commandLines.get(0);
  }

  /**
   * Every value of every line, as decoded text: what a reader of the platform sees, whatever the
   * line escaped (a name may be written as {@code \\u4ed9...}).
   */
  List<String> values() {
    List<String> values = new ArrayList<>();
    lines().forEach(line -> collect(line, values));
    return values;
  }

  private static void collect(JsonNode node, List<String> values) {
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, values));
    } else {
      values.add(node.asText());
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
      return node;
    } catch (JsonProcessingException e) {
      throw new AssertionError("a log line that is not JSON: " + line, e);
    }
  }
}
