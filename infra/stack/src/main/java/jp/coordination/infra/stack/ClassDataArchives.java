package jp.coordination.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the services' jars for a faster start with the JVM's class-data sharing, as Spring Boot
 * documents it ("Class Data Sharing"): each executable jar is extracted (the JVM shares classes
 * only from plain jars on the class path), and a training run that stops once the application
 * context is refreshed ({@code spring.context.exit=onRefresh}) writes an archive of the classes it
 * loaded. The build runs {@link #main} after copying the jars; {@link ServiceProcess} starts a
 * service from the extracted jar with its archive when both are newer than the jar, else from the
 * jar as before.
 *
 * <p>The training run needs no broker and no database: nothing connects before the context's
 * lifecycle starts, except reads that give up after a short server selection and are retried by the
 * running service anyway.
 */
public final class ClassDataArchives {
  private static final Logger log = LoggerFactory.getLogger(ClassDataArchives.class);

  private static final long TRAINING_TIMEOUT_SECONDS = 180;

  // Nothing listens on the discard port: the training run fails fast where it tries to connect.
  private static final String NOWHERE = "127.0.0.1:9";

  private ClassDataArchives() {}

  /**
   * Prepares every {@code *.jar} of the directory {@code args[0]}, the services in parallel. A
   * service whose training fails is left to start from its jar, with a warning: a slower start, not
   * a broken one.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Path> jars;
    try (var files = Files.list(dir)) {
      jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    List<Thread> trainings = new ArrayList<>();
    for (Path jar : jars) {
      Thread training = new Thread(() -> prepare(jar), "class-data-" + jar.getFileName());
      training.start();
      trainings.add(training);
    }
    for (Thread training : trainings) {
      training.join();
    }
  }

  /** The JVM options and jar to start {@code jar} with: its archive when it is up to date. */
  static List<String> launch(Path jar) {
    Path extracted = extractedJar(jar);
    Path archive = archive(jar);
    if (!upToDate(extracted, jar) || !upToDate(archive, jar)) {
      return List.of("-jar", jar.toAbsolutePath().toString());
    }
    return List.of(
        "-XX:SharedArchiveFile=" + archive.toAbsolutePath(),
        // A JVM that cannot map the archive starts without it; its reasons are for the training
        // log, not for every start.
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off",
        "-jar",
        extracted.toAbsolutePath().toString());
  }

  static Path extractedJar(Path jar) {
    return jar.resolveSibling(baseName(jar)).resolve(jar.getFileName());
  }

  static Path archive(Path jar) {
    return jar.resolveSibling(baseName(jar) + ".jsa");
  }

  private static String baseName(Path jar) {
    String name = jar.getFileName().toString();
    return name.substring(0, name.length() - ".jar".length());
  }

  private static boolean upToDate(Path derived, Path jar) {
    try {
      return Files.isRegularFile(derived)
          && Files.getLastModifiedTime(derived).compareTo(Files.getLastModifiedTime(jar)) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void prepare(Path jar) {
    Path archive = archive(jar);
    Path trainingLog = jar.resolveSibling(jar.getFileName() + ".training.log");
    try {
      Files.deleteIfExists(archive);
      Files.deleteIfExists(trainingLog);
      run(
          List.of(
              java(),
              "-Djarmode=tools",
              "-jar",
              jar.toAbsolutePath().toString(),
              "extract",
              "--force",
              "--destination",
              extractedJar(jar).getParent().toAbsolutePath().toString()),
          Map.of(),
          trainingLog);
      List<String> training = new ArrayList<>();
      training.add(java());
      training.addAll(LocalStack.SERVICE_JVM_OPTIONS);
      training.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
      training.add("-Dspring.context.exit=onRefresh");
      training.add("-jar");
      training.add(extractedJar(jar).toAbsolutePath().toString());
      run(training, trainingEnvironment(), trainingLog);
      if (!Files.isRegularFile(archive)) {
        throw new IllegalStateException("no archive written");
      }
      log.info("{}: class-data archive {} ({} MB)", jar, archive, Files.size(archive) >> 20);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "{} will start without a class-data archive ({}); see {}",
          jar.getFileName(),
          e.getMessage(),
          trainingLog);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> trainingEnvironment() {
    String mongo = "mongodb://" + NOWHERE + "/%s?serverSelectionTimeoutMS=100";
    return Map.of(
        "SPRING_PROFILES_ACTIVE",
        LocalStack.LOCAL_PROFILE,
        "MONGODB_URI",
        mongo.formatted("coordination"),
        "QUERY_MONGODB_URI",
        mongo.formatted("coordination_query"),
        "KAFKA_BOOTSTRAP_SERVERS",
        NOWHERE,
        "AXONIQ_UPDATE_CHECKER_DISABLED",
        "true");
  }

  private static void run(List<String> command, Map<String, String> environment, Path output)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "did not finish within " + TRAINING_TIMEOUT_SECONDS + " s: " + command.get(1));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exit code " + process.exitValue() + ": " + command.get(1));
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
