package jp.coordination.platform.admission;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Tomcat's request thread pool, built as Tomcat builds its own, that remembers when each piece of
 * work was handed to it, so that a request can tell how long it waited for a thread ({@link
 * #waited()}).
 *
 * <p>When every thread is busy, requests queue here before any filter runs, and no filter could
 * refuse them until they reach one, by which time the client may have given up. Knowing the wait
 * lets {@link AdmissionLimit} refuse a request that arrives already late at once, which empties the
 * queue at the speed of refusals instead of answers. Tomcat offers no hook on its queue; its pool
 * class is meant to be extended ({@code execute} is its one entry), so this is a subclass, not a
 * copy.
 */
public final class TimedRequestExecutor extends ThreadPoolExecutor {

  private static final ThreadLocal<Duration> WAITED = new ThreadLocal<>();

  /**
   * @param namePrefix of the threads' names
   * @param minSpare threads kept even when idle
   * @param max threads at most
   * @param maxQueue work items that may wait for a thread; beyond that Tomcat closes the connection
   */
  public TimedRequestExecutor(String namePrefix, int minSpare, int max, int maxQueue) {
    super(
        minSpare,
        max,
        60,
        TimeUnit.SECONDS,
        new TaskQueue(maxQueue),
        new TaskThreadFactory(namePrefix, true, Thread.NORM_PRIORITY));
    // As Tomcat's own endpoint does: the queue asks its pool whether to start a thread rather than
    // queue while fewer than max run.
    ((TaskQueue) getQueue()).setParent(this);
  }

  @Override
  public void execute(Runnable command) {
    super.execute(new HandedOver(command, System.nanoTime()));
  }

  /**
   * How long the work now running on this thread (reading and serving a request) waited for the
   * thread to start on it; zero on a thread of any other pool. What the thread did since (reading
   * the request, a servlet's first start) is not counted: that is work, not a queue.
   */
  public static Duration waited() {
    Duration waited = WAITED.get();
    return waited == null ? Duration.ZERO : waited;
  }

  private record HandedOver(Runnable work, long at) implements Runnable {
    @Override
    public void run() {
      WAITED.set(Duration.ofNanos(System.nanoTime() - at));
      try {
        work.run();
      } finally {
        WAITED.remove();
      }
    }
  }
}
