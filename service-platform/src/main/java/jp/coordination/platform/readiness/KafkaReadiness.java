package jp.coordination.platform.readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the brokers answer: one {@code describeCluster} with a short timeout, its answer kept for
 * a few seconds. Probes that come while a look is under way wait for that same look (never longer
 * than the timeout) instead of starting another, so however often the probes come, at most one call
 * is out and the brokers see at most one every {@code cacheFor}. Nothing is asked between probes.
 *
 * <p>Unreachable brokers are {@link ReadinessStatus#DEGRADED}, not down: neither service needs
 * Kafka to serve its callers (the command-service stores events with their publication markers and
 * publishes them later; the query-service serves its read models, only staler), so taking them out
 * of service would turn a delay into an outage.
 */
public final class KafkaReadiness implements HealthIndicator, AutoCloseable {

  /**
   * One look at the cluster: completes with the brokers, or exceptionally, within about {@code
   * timeout}.
   */
  @FunctionalInterface
  interface Cluster {
    CompletionStage<Collection<Node>> describe(Duration timeout);
  }

  private final Cluster cluster;
  private final Duration timeout;
  private final Duration cacheFor;
  private final LongSupplier ticker;
  private final AutoCloseable resources;
  private Look last; // guarded by this

  /**
   * @param adminConfig the admin client's settings (at least {@code bootstrap.servers}); the client
   *     is created at the first probe and closed with this indicator
   * @param timeout how long one look, and a probe waiting for it, may take
   * @param cacheFor how long an answer is given again before the next probe looks afresh
   */
  public KafkaReadiness(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor) {
    this(new AdminCluster(adminConfig), timeout, cacheFor, System::nanoTime);
  }

  KafkaReadiness(Cluster cluster, Duration timeout, Duration cacheFor, LongSupplier ticker) {
    this.cluster = cluster;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.ticker = ticker;
    this.resources = cluster instanceof AutoCloseable closeable ? closeable : () -> {};
  }

  @Override
  public Health health() {
    Look look = look();
    try {
      return look.answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The look goes on; the next probe gets its answer.
      return Health.status(ReadinessStatus.DEGRADED)
          .withDetail("error", "no answer within " + timeout)
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().build();
    } catch (ExecutionException e) {
      return unreachable(e.getCause());
    }
  }

  /** The look under way or still fresh, else a new one. */
  private synchronized Look look() {
    if (last != null
        && (!last.answer.isDone() || ticker.getAsLong() - last.answeredAt < cacheFor.toNanos())) {
      return last;
    }
    Look next = new Look();
    last = next;
    try {
      cluster.describe(timeout).whenComplete(next::settle);
    } catch (RuntimeException e) {
      next.settle(null, e);
    }
    return next;
  }

  private static Health unreachable(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return Health.status(ReadinessStatus.DEGRADED).withDetail("error", cause.toString()).build();
  }

  @Override
  public synchronized void close() {
    // Declared without checked exceptions: a closer that may throw InterruptedException would
    // oblige every
    // try-with-resources user to handle an interrupt that the admin client's close never raises.
    try {
      resources.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the readiness check's Kafka client failed", e);
    }
  }

  private final class Look {
    final CompletableFuture<Health> answer = new CompletableFuture<>();
    volatile long answeredAt;

    void settle(Collection<Node> brokers, Throwable error) {
      answeredAt = ticker.getAsLong();
      answer.complete(
          error == null
              ? Health.up().withDetail("brokers", brokers.size()).build()
              : unreachable(error));
    }
  }

  /** The admin client, created when first asked (a service that is never probed never connects). */
  private static final class AdminCluster implements Cluster, AutoCloseable {
    private final Map<String, Object> config;
    private Admin admin; // guarded by the indicator's lock: describe is called from look() only

    AdminCluster(Map<String, Object> config) {
      this.config = Map.copyOf(config);
    }

    @Override
    public CompletionStage<Collection<Node>> describe(Duration timeout) {
      if (admin == null) {
        admin = Admin.create(config);
      }
      CompletableFuture<Collection<Node>> nodes = new CompletableFuture<>();
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .whenComplete(
              (brokers, error) -> {
                if (error == null) {
                  nodes.complete(brokers);
                } else {
                  nodes.completeExceptionally(error);
                }
              });
      return nodes;
    }

    @Override
    public void close() {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1));
      }
    }
  }
}
