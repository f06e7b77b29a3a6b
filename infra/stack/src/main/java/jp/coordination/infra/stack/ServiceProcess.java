package jp.coordination.infra.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service (a Spring Boot executable jar) running as a child JVM. Its output is either copied to
 * a stream with a prefix per line, for a person watching a terminal, or written to a file, for a
 * test to show when it fails.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final int port;
  private final Process process;
  private final Optional<Path> logFile;

  private ServiceProcess(String name, int port, Process process, Optional<Path> logFile) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code java <jvmOptions> -jar <jar>} with the current environment plus {@code
   * environment}; from the jar's extracted copy with its class-data archive when the build made
   * them ({@link ClassDataArchives}).
   *
   * @param output where to copy the output, each line prefixed with {@code [name]}
   */
  public static ServiceProcess start(
      String name,
      Path jar,
      int port,
      List<String> jvmOptions,
      Map<String, String> environment,
      PrintStream output) {
    ProcessBuilder builder = builder(jar, jvmOptions, environment).redirectErrorStream(true);
    Process process = launch(name, builder);
    Thread pump =
        new Thread(
            () -> copyLines(process.getInputStream(), "[" + name + "] ", output), name + "-output");
    pump.setDaemon(true);
    pump.start();
    return new ServiceProcess(name, port, process, Optional.empty());
  }

  /**
   * Starts the service like {@link #start(String, Path, int, List, Map, PrintStream)}, writing its
   * output to a file.
   */
  public static ServiceProcess startLoggingTo(
      String name,
      Path jar,
      int port,
      List<String> jvmOptions,
      Map<String, String> environment,
      Path logFile) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + logFile, e);
    }
    ProcessBuilder builder =
        builder(jar, jvmOptions, environment)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    return new ServiceProcess(name, port, launch(name, builder), Optional.of(logFile));
  }

  private static ProcessBuilder builder(
      Path jar, List<String> jvmOptions, Map<String, String> environment) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath()
              + " does not exist: build the services first (mvn -B -DskipTests package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(ClassDataArchives.launch(jar));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    return builder;
  }

  private static Process launch(String name, ProcessBuilder builder) {
    try {
      Process process = builder.start();
      // The service never reads its standard input; closing it keeps it from waiting on a terminal.
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static void copyLines(InputStream in, String prefix, PrintStream out) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.println(prefix + line);
      }
    } catch (IOException e) {
      // The child has gone; its last lines were already copied.
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The JVM's process id, for signals a {@link Process} cannot send (SIGSTOP, SIGCONT). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Optional<Path> logFile() {
    return logFile;
  }

  /**
   * Waits until {@code /actuator/health/readiness} answers {@code UP}.
   *
   * @throws IllegalStateException if the process ends or the timeout passes first
   */
  public void awaitReady(Duration timeout) {
    URI readiness = URI.create(baseUrl() + "/actuator/health/readiness");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with status " + process.exitValue() + " before it was ready");
      }
      if (isReady(readiness)) {
        return;
      }
      sleep(500);
    }
    throw new IllegalStateException(name + " not ready at " + readiness + " after " + timeout);
  }

  /**
   * Whether a readiness endpoint answers 200 with status UP; false while the service is not
   * listening yet. The launcher and the benchmark suite wait on the same signal.
   */
  public static boolean isReady(URI readiness) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for readiness", e);
    }
  }

  /**
   * The last {@code lines} lines of the output file, or an empty list when the output is not kept
   * in a file.
   */
  public List<String> tail(int lines) {
    if (logFile.isEmpty() || !Files.exists(logFile.get())) {
      return List.of();
    }
    try {
      List<String> all = Files.readAllLines(logFile.get(), StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException | UncheckedIOException e) {
      return List.of("(cannot read " + logFile.get() + ": " + e.getMessage() + ")");
    }
  }

  /**
   * Asks the service to stop (SIGTERM, so Spring shuts down gracefully) and kills it, with anything
   * it started, if it has not stopped within the grace period.
   */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Kills the process and every process it started with SIGKILL, all at once, as {@code kill -9} of
   * the process group or a crash would: no shutdown hook runs, nothing is flushed. Returns once all
   * of them have exited.
   */
  public void kill() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    tree.addAll(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while killing " + name, e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(
            "process " + handle.pid() + " of " + name + " did not exit after SIGKILL", e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
