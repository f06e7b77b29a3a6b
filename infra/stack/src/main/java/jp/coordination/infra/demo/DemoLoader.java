package jp.coordination.infra.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Sends a demo plan to the command-service as {@code coordinator}. Commands carry client ids, so a
 * second load is answered from the store and changes nothing; {@link #isLoaded} spares even that by
 * asking the query side for the plan's last intake.
 *
 * <p>Usage as a program: {@code DemoLoader COMMAND_URL QUERY_URL [SEED [SCALE]]}.
 */
public final class DemoLoader {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String USER = "coordinator";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String commandBase;
  private final String queryBase;

  public DemoLoader(String commandBase, String queryBase) {
    this.commandBase = commandBase;
    this.queryBase = queryBase;
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: DemoLoader COMMAND_URL QUERY_URL [SEED [SCALE]]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DemoYear.DEFAULT_SEED;
    double scale = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    DemoPlan plan = DemoYear.generate(seed, scale);
    DemoLoader loader = new DemoLoader(args[0], args[1]);
    loader.load(plan, 1, System.out::println);
    System.out.print(plan.totals().report());
  }

  /** Whether the plan's last intake is already on the query side. */
  public boolean isLoaded(DemoPlan plan) {
    String last = null;
    for (DemoCommand command : plan.commands()) {
      if (command.path().equals("/api/intakes")) {
        last = idOf(command.body());
      }
    }
    if (last == null) {
      return false;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(queryBase + "/api/intakes/" + last))
            .timeout(TIMEOUT)
            .header("Authorization", basic(USER))
            .GET()
            .build();
    return send(request).statusCode() == 200;
  }

  /**
   * Sends every command, in order; with {@code parallelism} above 1, commands of different
   * aggregates in flight at once (one aggregate's commands stay in order: each lane owns the
   * aggregates whose id hashes to it).
   *
   * @return the number of commands sent
   */
  public int load(DemoPlan plan, int parallelism, Consumer<String> progress) {
    List<DemoCommand> commands = plan.commands();
    long started = System.nanoTime();
    if (parallelism <= 1) {
      for (int i = 0; i < commands.size(); i++) {
        send(commands.get(i));
        if (progress != null && (i + 1) % 500 == 0) {
          progress.accept("  demo: " + (i + 1) + "/" + commands.size() + " commands sent");
        }
      }
    } else {
      ExecutorService lanes = Executors.newFixedThreadPool(parallelism);
      try {
        // Facilities first, all of them: intakes in other lanes name them.
        for (DemoCommand command : commands) {
          if (command.path().equals("/api/facilities")) {
            send(command);
          }
        }
        // Then every household's registration, before anything else: intakes and co-support cases
        // in other lanes name households, and a household named before it is stored is refused.
        inLanes(
            lanes,
            parallelism,
            commands.stream().filter(c -> c.path().equals("/api/households")).toList());
        inLanes(
            lanes,
            parallelism,
            commands.stream()
                .filter(
                    c -> !c.path().equals("/api/facilities") && !c.path().equals("/api/households"))
                .toList());
      } catch (Exception e) {
        throw new IllegalStateException("demo load failed: " + e.getMessage(), e);
      } finally {
        lanes.shutdownNow();
      }
    }
    if (progress != null) {
      progress.accept(
          String.format(
              "  demo: %d commands sent in %.1f s",
              commands.size(), (System.nanoTime() - started) / 1e9));
    }
    return commands.size();
  }

  /**
   * Sends commands in lanes and waits for all of them; one aggregate's commands stay in order in
   * one lane.
   */
  private void inLanes(ExecutorService lanes, int parallelism, List<DemoCommand> commands)
      throws Exception {
    List<List<DemoCommand>> byLane = new java.util.ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      byLane.add(new java.util.ArrayList<>());
    }
    for (DemoCommand command : commands) {
      byLane.get(Math.floorMod(aggregateOf(command).hashCode(), parallelism)).add(command);
    }
    List<Future<?>> done = new java.util.ArrayList<>();
    for (List<DemoCommand> lane : byLane) {
      done.add(lanes.submit(() -> lane.forEach(this::send)));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  // Facilities are referenced by intakes: a lane keyed by the path's aggregate keeps each aggregate
  // in order.
  private static String aggregateOf(DemoCommand command) {
    String[] parts = command.path().split("/");
    return parts.length > 3 ? parts[3] : idOf(command.body());
  }

  private void send(DemoCommand command) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(commandBase + command.path()))
            .timeout(TIMEOUT)
            .header("Authorization", basic(USER))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(
                command.method(),
                HttpRequest.BodyPublishers.ofString(command.body(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response = send(request);
    int status = response.statusCode();
    // 201 first time; a repeat of a creation is answered 201 or 200 from the store.
    boolean ok =
        status == command.expectedStatus() || (command.expectedStatus() == 201 && status == 200);
    if (!ok) {
      throw new IllegalStateException(
          command.method()
              + " "
              + command.path()
              + " answered "
              + status
              + ": "
              + response.body()
              + " (body "
              + command.body()
              + ")");
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String idOf(String body) {
    int start = body.indexOf("\"id\":\"") + 6;
    return body.substring(start, body.indexOf('"', start));
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
