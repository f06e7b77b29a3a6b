package jp.coordination.query.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between one instance and the MongoDB stand-in that can stop relaying in the middle of
 * whatever the instance is doing, as a frozen or killed process would: requests already sent may or
 * may not be answered, nothing more goes through, and the instance's own threads (and its Kafka
 * client) are left exactly as they were.
 */
final class StallingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** Chunks the instance may still send; negative: unlimited. */
  private final AtomicInteger allowance = new AtomicInteger(-1);

  private final Object gate = new Object();
  private volatile boolean closed;

  StallingProxy(String targetHost, int targetPort) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    target = new InetSocketAddress(targetHost, targetPort);
    Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Lets {@code chunks} more reads of the instance through, then stalls every connection. */
  void stallAfter(int chunks) {
    allowance.set(chunks);
  }

  /** Lets everything through again, as a frozen process that is thawed. */
  void resume() {
    allowance.set(-1);
    synchronized (gate) {
      gate.notifyAll();
    }
  }

  boolean stalled() {
    return allowance.get() == 0;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target);
        // Small request-answer messages: without this, Nagle's algorithm adds ~40 ms to each.
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromInstance) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitPassage(fromInstance);
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "stalling-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Blocks once the allowance is used up (both directions), until {@link #resume} or {@link
   * #close}.
   */
  private void awaitPassage(boolean fromInstance) throws InterruptedException {
    while (true) {
      int left = allowance.get();
      if (left < 0 || (left > 0 && !fromInstance)) {
        return;
      }
      if (left > 0 && allowance.compareAndSet(left, left - 1)) {
        return;
      }
      if (left == 0) {
        synchronized (gate) {
          while (!closed && allowance.get() == 0) {
            gate.wait(1000);
          }
        }
        if (closed) {
          throw new InterruptedException("proxy closed");
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (gate) {
      gate.notifyAll();
    }
    closeQuietly(server);
    sockets.forEach(StallingProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
