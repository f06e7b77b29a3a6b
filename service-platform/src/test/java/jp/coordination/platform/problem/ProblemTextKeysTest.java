package jp.coordination.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every problem text the code names by key exists in English and in Japanese, with the same
 * arguments, so that no answer shows a bare key or falls back to English inside a Japanese frame;
 * and no problem text is written into the code in English only. Reads the sources of the platform
 * and of both services (the services' keys live in their own {@code problem-messages*.properties}).
 */
class ProblemTextKeysTest {
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final String PLATFORM_BUNDLE =
      "service-platform/src/main/resources/jp/coordination/platform/problem/messages";

  /**
   * {@code ProblemText.of("key", ...)}, also {@code ProblemText.of(cond ? "a" : "b", ...)}; not a
   * key built from a prefix ({@code "shape." + kind}).
   */
  private static final Pattern KEY_USE =
      Pattern.compile(
          "ProblemText\\.of\\(\\s*(?:[^\"(),]*\\?\\s*)?\"([^\"]+)\"(?:\\s*:\\s*\"([^\"]+)\")?(?=\\s*[,)])");

  /** Keys only Japanese has: the English is the code's own (titles, nouns, actions) or Spring's. */
  private static final List<String> JAPANESE_ONLY =
      List.of("title.", "noun.", "action.", "problemDetail.");

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

  /**
   * The exceptions and factories whose message becomes an answer's text, and which argument that
   * message is: given as a string literal, it would be English whatever the client asked for.
   */
  private static final Map<String, Message> MESSAGE_ARGUMENT =
      Map.of(
          "new InvalidFieldException(", new Message(2, 1),
          "new FieldRejectedException(", new Message(2, 1),
          "new UnknownReferenceException(", new Message(2, 1),
          "new ConflictException(", new Message(2, 0),
          "new RuleBrokenException(", new Message(1, 0),
          // Not the two arguments of a kind and an id ("Ward", code): the kind is translated as a
          // noun.
          "new NotFoundException(", new Message(1, 0),
          // Not the five of (status, type, English title, detail, errors): that title is the
          // fallback.
          "Problems.of(", new Message(3, 2));

  /** A call with this many arguments, of which the one at {@code message} is the text. */
  private record Message(int arity, int message) {}

  @ParameterizedTest
  @ValueSource(strings = {"service-platform", "command-service", "query-service"})
  void every_key_the_code_uses_has_an_english_and_a_japanese_text(String module)
      throws IOException {
    Properties english = texts(module, "");
    Properties japanese = texts(module, "_ja");

    Set<String> used = usedKeys(module);

    assertThat(used).as("keys found in %s", module).isNotEmpty();
    assertThat(used.stream().filter(key -> !english.containsKey(key)))
        .as("keys %s uses without an English text", module)
        .isEmpty();
    assertThat(used.stream().filter(key -> !japanese.containsKey(key)))
        .as("keys %s uses without a Japanese text", module)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"service-platform", "command-service", "query-service"})
  void both_languages_have_the_same_keys_with_the_same_arguments(String module) throws IOException {
    Properties english = texts(module, "");
    Properties japanese = texts(module, "_ja");

    for (String key : english.stringPropertyNames()) {
      assertThat(japanese).as("Japanese text of %s", key).containsKey(key);
      assertThat(arguments(japanese.getProperty(key)))
          .as("arguments of %s in Japanese", key)
          .isEqualTo(arguments(english.getProperty(key)));
    }
    for (String key : japanese.stringPropertyNames()) {
      if (JAPANESE_ONLY.stream().noneMatch(key::startsWith)) {
        assertThat(english).as("English text of %s", key).containsKey(key);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"service-platform", "command-service", "query-service"})
  void no_problem_text_is_written_in_english_only(String module) throws IOException {
    List<String> literal = new ArrayList<>();
    for (Path file : sources(module)) {
      String code = Files.readString(file);
      for (Map.Entry<String, Message> call : MESSAGE_ARGUMENT.entrySet()) {
        for (int at = code.indexOf(call.getKey());
            at >= 0;
            at = code.indexOf(call.getKey(), at + 1)) {
          List<String> arguments = arguments(code, at + call.getKey().length());
          if (arguments.size() == call.getValue().arity()
              && arguments.get(call.getValue().message()).startsWith("\"")) {
            literal.add(
                file.getFileName() + ": " + call.getKey() + String.join(", ", arguments) + ")");
          }
        }
      }
    }
    assertThat(literal).as("messages given as English text instead of a ProblemText").isEmpty();
  }

  private static Set<String> usedKeys(String module) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path file : sources(module)) {
      Matcher use = KEY_USE.matcher(Files.readString(file));
      while (use.find()) {
        keys.add(use.group(1));
        if (use.group(2) != null) {
          keys.add(use.group(2));
        }
      }
    }
    return keys;
  }

  private static List<Path> sources(String module) throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY.resolve(module).resolve("src/main/java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The platform's texts, and over them the module's own, as ProblemLanguage reads them. */
  private static Properties texts(String module, String suffix) throws IOException {
    Properties texts = new Properties();
    load(texts, REPOSITORY.resolve(PLATFORM_BUNDLE + suffix + ".properties"));
    Path own =
        REPOSITORY
            .resolve(module)
            .resolve("src/main/resources/problem-messages" + suffix + ".properties");
    if (Files.exists(own)) {
      load(texts, own);
    }
    return texts;
  }

  private static void load(Properties texts, Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      texts.load(reader);
    }
  }

  private static Set<String> arguments(String text) {
    return ARGUMENT
        .matcher(text)
        .results()
        .map(m -> m.group(1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The top-level arguments of the call whose argument list starts at {@code from}, as written. */
  private static List<String> arguments(String code, int from) {
    List<String> arguments = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"') {
        i = code.indexOf('"', i + 1);
        while (code.charAt(i - 1) == '\\') {
          i = code.indexOf('"', i + 1);
        }
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
        depth--;
      } else if ((c == ',' || c == ')') && depth == 0) {
        arguments.add(code.substring(start, i).strip());
        start = i + 1;
        if (c == ')') {
          return arguments;
        }
      }
    }
    return arguments;
  }
}
