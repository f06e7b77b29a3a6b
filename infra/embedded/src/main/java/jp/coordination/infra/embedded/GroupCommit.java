package jp.coordination.infra.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Makes finished writes durable in groups: a writer whose change is complete calls {@link
 * #awaitDurable()}, which joins the next flush and returns once that flush has succeeded. One
 * committer thread runs the flush for every writer that joined since the previous one began, so N
 * concurrent writers cost one flush (one fsync), not N.
 *
 * <p>Why a writer's change is in the flush it waits for: it joins a batch only after its change is
 * complete, and the committer takes a batch (closing it to newcomers) before it starts that batch's
 * flush.
 */
final class GroupCommit implements AutoCloseable {

  /**
   * The work that makes every change completed so far durable; it may throw to fail the writers
   * waiting on it.
   */
  interface Flush {
    void run() throws Exception;
  }

  private final Flush flush;
  private final Thread committer;
  private final LongAdder writes = new LongAdder();
  private final LongAdder flushes = new LongAdder();
  // Guarded by this: the batch writers join until the committer takes it; null while nobody waits.
  private CompletableFuture<Void> open;
  private boolean closed;

  GroupCommit(String name, Flush flush) {
    this.flush = flush;
    this.committer = new Thread(this::commitLoop, name);
    committer.setDaemon(true);
    committer.start();
  }

  /**
   * Returns once every change this thread completed before the call is durable.
   *
   * @throws IllegalStateException if the flush failed or the store is closing: the change may be
   *     lost
   */
  void awaitDurable() {
    CompletableFuture<Void> batch;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store is closed; the write may not be durable");
      }
      if (open == null) {
        open = new CompletableFuture<>();
        notifyAll();
      }
      batch = open;
    }
    writes.increment();
    try {
      batch.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "the write may not be durable: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Writes that waited for durability so far. */
  long writes() {
    return writes.sum();
  }

  /** Flushes run so far; {@code writes() / flushes()} is the mean group size. */
  long flushes() {
    return flushes.sum();
  }

  private void commitLoop() {
    while (true) {
      CompletableFuture<Void> batch;
      synchronized (this) {
        while (open == null && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            // Only close() stops this thread, and only after the last batch was flushed.
          }
        }
        if (open == null) {
          return;
        }
        batch = open;
        open = null;
      }
      try {
        flush.run();
        flushes.increment();
        batch.complete(null);
      } catch (Throwable e) {
        batch.completeExceptionally(e);
      }
    }
  }

  /** Flushes what writers still wait for, then stops the committer; later writers are refused. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
