package jp.coordination.platform.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The table of docs/API-OPERATIONS.md, which lists every operation of both services with its
 * statuses, and its comparison with a service's generated OpenAPI description. Shared by both
 * services' tests (this module's test jar), so that both read the table the same way.
 */
public final class DocumentedOperations {
  /** The table, from a module's directory (where Maven runs the tests). */
  public static final Path TABLE = Path.of("../docs/API-OPERATIONS.md");

  /**
   * Answered by every operation in the local run (too many failed sign-ins), so not listed per row.
   */
  public static final String LOCAL_SIGN_IN_THROTTLE = "429";

  /** One row: {@code | command | `POST /api/households` | 201 | 400 401 403 409 413 | API.md |}. */
  public record Operation(
      String service, String method, String path, Set<String> statuses, String source) {
    /**
     * Method and path with the names of path variables left out, as API.md and the code may differ
     * there.
     */
    public String key() {
      return key(method, path);
    }

    static String key(String method, String path) {
      return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
    }
  }

  private DocumentedOperations() {}

  public static List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    for (String line : lines(TABLE)) {
      String[] cells = line.split("\\|");
      if (cells.length < 6 || !Set.of("command", "query").contains(cells[1].strip())) {
        continue;
      }
      String[] operation = cells[2].strip().replace("`", "").split(" ", 2);
      Set<String> statuses = new TreeSet<>();
      statuses.addAll(Arrays.asList(cells[3].strip().split("\\s+")));
      statuses.addAll(Arrays.asList(cells[4].strip().split("\\s+")));
      statuses.remove("");
      operations.add(
          new Operation(cells[1].strip(), operation[0], operation[1], statuses, cells[5].strip()));
    }
    return operations;
  }

  public static List<Operation> of(String service) {
    return all().stream().filter(o -> o.service().equals(service)).toList();
  }

  /**
   * Method and path (variables unnamed) of every operation of a generated description, with its
   * statuses.
   */
  public static Map<String, Set<String>> described(JsonNode description) {
    Map<String, Set<String>> operations = new java.util.TreeMap<>();
    description
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          Set<String> statuses = new TreeSet<>();
                          method
                              .getValue()
                              .path("responses")
                              .fieldNames()
                              .forEachRemaining(statuses::add);
                          operations.put(Operation.key(method.getKey(), path.getKey()), statuses);
                        }));
    return operations;
  }

  /**
   * What differs between the table's operations of {@code service} and its description: a
   * documented operation missing or with other statuses. {@code local}: the description is of the
   * local run, where every operation also answers {@value #LOCAL_SIGN_IN_THROTTLE}.
   */
  public static List<String> undescribed(JsonNode description, String service, boolean local) {
    Map<String, Set<String>> described = described(description);
    List<String> differences = new ArrayList<>();
    for (Operation documented : of(service)) {
      Set<String> expected = new TreeSet<>(documented.statuses());
      if (local) {
        expected.add(LOCAL_SIGN_IN_THROTTLE);
      }
      Set<String> actual = described.get(documented.key());
      if (actual == null) {
        differences.add(documented.method() + " " + documented.path() + ": not in the description");
      } else if (!actual.equals(expected)) {
        differences.add(
            documented.method()
                + " "
                + documented.path()
                + ": documented "
                + expected
                + ", described "
                + actual);
      }
    }
    return differences;
  }

  /** Operations of the description that the table does not list for {@code service}. */
  public static List<String> undocumented(JsonNode description, String service) {
    Set<String> documented = of(service).stream().map(Operation::key).collect(Collectors.toSet());
    return described(description).keySet().stream()
        .filter(key -> !documented.contains(key))
        .toList();
  }

  /**
   * The operations API.md names in backquotes, by method and path: {@code `GET /api/wards`}, with
   * the shortened forms it uses: {@code `GET /api/households/{id}`, `/api/intakes/{id}`} (same
   * method) and {@code `POST /api/community-issues/{id}/discussion`, `/proposal`} (same path but
   * the last segment). Query strings are left out.
   */
  public static Set<String> namedIn(String markdown) {
    Set<String> operations = new LinkedHashSet<>();
    for (String line : markdown.split("\n")) {
      String method = null;
      String path = null;
      int end = -1;
      java.util.regex.Matcher span = java.util.regex.Pattern.compile("`([^`]*)`").matcher(line);
      while (span.find()) {
        String code = span.group(1).split("\\?")[0];
        boolean continues = method != null && line.substring(end, span.start()).equals(", ");
        if (code.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
          method = code.substring(0, code.indexOf(' '));
          path = code.substring(code.indexOf(' ') + 1);
        } else if (continues && code.startsWith("/api/")) {
          path = code;
        } else if (continues && code.matches("/[^/\\s]+")) {
          path = path.substring(0, path.lastIndexOf('/')) + code;
        } else {
          method = null;
          end = span.end();
          continue;
        }
        operations.add(Operation.key(method, path));
        end = span.end();
      }
    }
    return operations;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
