import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a class under {@code src/test/java} that declares test methods left no
 * report in {@code target/surefire-reports} or {@code target/failsafe-reports}: a class whose name
 * matches neither plugin's patterns is compiled and then silently never run
 * ({@code LiveEqualsReplayProperties} went unrun that way).
 *
 * <p>Why a source-launched script and not a plugin: no maintained Maven plugin compares test
 * classes with reports, and a test inside the build (JUnit, ArchUnit) would itself be subject to
 * the naming it checks. Run by {@code exec-maven-plugin} with the JDK's source launcher
 * ({@code java EveryTestClassRan.java ...}), it needs no compilation, no dependency and no
 * installed artifact. It reads sources rather than class files because the JDK 17 has no class
 * file reader: a class counts as a test class when it is not abstract and its source has a JUnit 5
 * or jqwik test annotation, or it extends an abstract class of the module's tests that has one
 * ({@code EndToEndIT extends EndToEndScenario}). A skipped test (a Docker-less container test, a
 * missing browser) still leaves a report, so it passes.
 *
 * <p>Arguments: module base directory, then the values of {@code test}, {@code it.test},
 * {@code skipTests}, {@code skipITs}, {@code maven.test.skip} (an unset property arrives as the
 * literal {@code ${...}}). A run restricted to chosen tests, or with tests skipped, is not checked.
 */
public class EveryTestClassRan {

  private static final Pattern TEST_ANNOTATION =
      Pattern.compile(
          "^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b",
          Pattern.MULTILINE);
  private static final Pattern ABSTRACT_CLASS =
      Pattern.compile("^\\s*(public\\s+)?abstract\\s+class\\b", Pattern.MULTILINE);
  private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(?:<[^{]*?>)?\\s+extends\\s+(\\w+)");
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  public static void main(String[] args) throws IOException {
    Path base = Path.of(args[0]);
    String test = set(args, 1);
    String itTest = set(args, 2);
    boolean skipped = isTrue(args, 3) || isTrue(args, 4) || isTrue(args, 5);
    String module = base.getFileName().toString();
    if (skipped || test != null || itTest != null) {
      System.out.println(
          "[every-test-class-ran] " + module + ": not checked (tests skipped or chosen by name)");
      return;
    }
    Path sources = base.resolve("src/test/java");
    if (!Files.isDirectory(sources)) {
      return;
    }
    List<Path> reportDirs =
        List.of(base.resolve("target/surefire-reports"), base.resolve("target/failsafe-reports"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    // Abstract classes with test methods: their concrete subclasses run those methods.
    Set<String> abstractBases = new HashSet<>();
    for (Path file : files) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      if (TEST_ANNOTATION.matcher(source).find() && ABSTRACT_CLASS.matcher(source).find()) {
        abstractBases.add(file.getFileName().toString().replace(".java", ""));
      }
    }
    List<String> checked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Path file : files) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      Matcher superclass = EXTENDS.matcher(source);
      boolean inheritsTests = superclass.find() && abstractBases.contains(superclass.group(1));
      if (ABSTRACT_CLASS.matcher(source).find()
          || !(TEST_ANNOTATION.matcher(source).find() || inheritsTests)) {
        continue; // support code: fixtures, generators, abstract bases
      }
      Matcher pkg = PACKAGE.matcher(source);
      String simpleName = file.getFileName().toString().replace(".java", "");
      String className = pkg.find() ? pkg.group(1) + "." + simpleName : simpleName;
      checked.add(className);
      boolean reported =
          reportDirs.stream().anyMatch(d -> Files.exists(d.resolve("TEST-" + className + ".xml")));
      if (!reported) {
        missing.add(className);
      }
    }
    if (!missing.isEmpty()) {
      System.err.println(
          "[every-test-class-ran] "
              + module
              + ": these test classes ran in neither Surefire nor Failsafe (no TEST-*.xml report);"
              + " name them to match the plugins' includes (*Test, *Tests, *Properties; *IT) or"
              + " widen the includes in the parent pom:");
      missing.forEach(c -> System.err.println("  " + c));
      System.exit(1);
    }
    System.out.println(
        "[every-test-class-ran] " + module + ": all " + checked.size() + " test classes reported");
  }

  private static String set(String[] args, int i) {
    if (args.length <= i) {
      return null;
    }
    String value = args[i].trim();
    return value.isEmpty() || value.startsWith("${") ? null : value;
  }

  private static boolean isTrue(String[] args, int i) {
    String value = set(args, i);
    return value != null && !value.equalsIgnoreCase("false");
  }
}
