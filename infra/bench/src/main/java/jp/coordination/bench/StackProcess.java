package jp.coordination.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.coordination.infra.stack.LocalStackSettings;
import jp.coordination.infra.stack.ServiceProcess;

/**
 * The local stack as {@code ./run-local.sh} starts it, as a child process of the benchmark: {@code
 * java -Xmx768m -jar infra/stack/target/local-stack-exec.jar ARGS} (the launcher JVM holds the
 * Kafka broker and the MongoDB stand-in and starts both services as its own child JVMs), its output
 * written to a file. The load generator stays in the calling JVM, so this process tree is the stack
 * and nothing else.
 */
final class StackProcess implements AutoCloseable {
  /** As run-local.sh runs it, from the repository root. */
  static final String JAR = "infra/stack/target/local-stack-exec.jar";

  static final List<String> JVM_OPTIONS = List.of("-Xmx768m");
  // What LocalStackSettings reads from the environment besides the flags: removed from the child's
  // environment, so the
  // launcher runs with exactly the settings the flags give (as LocalStackSettings.parse(args,
  // Map.of()) does).
  private static final List<String> SETTINGS_VARIABLES =
      List.of(
          "INFRA_ONLY",
          "DEMO",
          "MONGO_IN_MEMORY",
          "DATA_DIR",
          "KAFKA_PORT",
          "MONGO_PORT",
          "COMMAND_SERVICE_PORT",
          "QUERY_SERVICE_PORT",
          "SERVICES_DIR",
          "INSTANCES");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  // The launcher stops the services with 30 s of grace each, then the broker and the stand-in
  // (which writes its file).
  private static final Duration STOP_GRACE = Duration.ofSeconds(90);

  private final LocalStackSettings settings;
  private final Process process;
  private final long startedNanos;
  private final Path logFile;
  private boolean closed;

  private StackProcess(
      LocalStackSettings settings, Process process, long startedNanos, Path logFile) {
    this.settings = settings;
    this.process = process;
    this.startedNanos = startedNanos;
    this.logFile = logFile;
  }

  /**
   * Starts the launcher with {@code args} (the options of run-local.sh); returns at once, see
   * {@link #awaitReady()}.
   */
  static StackProcess start(List<String> args, Path logFile) {
    return start(JVM_OPTIONS, args, logFile);
  }

  /** As {@link #start(List, Path)}, with the launcher's JVM options instead of run-local.sh's. */
  static StackProcess start(List<String> jvmOptions, List<String> args, Path logFile) {
    LocalStackSettings settings = LocalStackSettings.parse(args.toArray(String[]::new), Map.of());
    if (!Files.isRegularFile(Path.of(JAR))) {
      throw new IllegalStateException(
          Path.of(JAR).toAbsolutePath()
              + " does not exist: build with ./bench.sh (without SKIP_BUILD) or mvn -B -DskipTests package -pl infra/bench -am");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    SETTINGS_VARIABLES.forEach(builder.environment()::remove);
    builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    long t0 = System.nanoTime();
    Process process;
    try {
      process = builder.start();
      // The launcher never reads its standard input; end it, as a terminal's would not.
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
    return new StackProcess(settings, process, t0, logFile);
  }

  /**
   * Waits until every service (each instance of both) answers {@code /actuator/health/readiness}
   * UP, the signal the launcher itself waits for.
   *
   * @return the time from the launcher's start until then
   * @throws IllegalStateException if the launcher ends or three minutes pass first
   */
  Duration awaitReady() {
    List<URI> readiness = new ArrayList<>();
    for (int n = 0; n < settings.instances(); n++) {
      readiness.add(
          URI.create(
              "http://127.0.0.1:" + settings.commandServicePort(n) + "/actuator/health/readiness"));
      readiness.add(
          URI.create(
              "http://127.0.0.1:" + settings.queryServicePort(n) + "/actuator/health/readiness"));
    }
    long deadline = startedNanos + READY_TIMEOUT.toNanos();
    int ready = 0;
    while (ready < readiness.size()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the local stack exited with status "
                + process.exitValue()
                + " before it was ready; last lines of "
                + logFile
                + ":\n"
                + tail(30));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the local stack was not ready after "
                + READY_TIMEOUT
                + "; last lines of "
                + logFile
                + ":\n"
                + tail(30));
      }
      if (ServiceProcess.isReady(readiness.get(ready))) {
        ready++;
      } else {
        sleep(100);
      }
    }
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  LocalStackSettings settings() {
    return settings;
  }

  /** The launcher's JVM; the services are its descendants. */
  ProcessHandle launcher() {
    return process.toHandle();
  }

  /**
   * {@code mongodb://127.0.0.1:<port>}, as {@code LocalStack.mongoConnectionString()}: append a
   * database if needed.
   */
  String mongoConnectionString() {
    return "mongodb://127.0.0.1:" + settings.mongoPort();
  }

  /** {@code 127.0.0.1:<port>}, as {@code LocalStack.kafkaBootstrapServers()}. */
  String kafkaBootstrapServers() {
    return "127.0.0.1:" + settings.kafkaPort();
  }

  private String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read it: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the whole tree as Ctrl-C in run-local.sh's terminal does: SIGTERM to the services, then
   * to the launcher, whose shutdown hook waits for the services and then stops the broker and the
   * stand-in. Whatever is still running after the grace period is killed, the services first. Safe
   * to call twice (the shutdown hook does).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    if (!awaitExit(descendants, deadline)) {
      System.out.println(
          "the local stack did not stop within " + STOP_GRACE.toSeconds() + " s: killing it");
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      awaitExit(descendants, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    }
  }

  /**
   * Kills the launcher and its service JVMs with SIGKILL, all at once, as {@code kill -9} of the
   * process group would: no shutdown hook runs, nothing is flushed. Returns once all have exited;
   * {@link #close()} then does nothing.
   */
  synchronized void kill() {
    closed = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(descendants, System.nanoTime() + TimeUnit.SECONDS.toNanos(30))) {
      throw new IllegalStateException("the local stack did not exit within 30 s of SIGKILL");
    }
  }

  private boolean awaitExit(List<ProcessHandle> descendants, long deadlineNanos) {
    List<CompletableFuture<?>> exits = new ArrayList<>();
    descendants.forEach(d -> exits.add(d.onExit()));
    exits.add(process.onExit());
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the local stack", e);
    }
  }
}
