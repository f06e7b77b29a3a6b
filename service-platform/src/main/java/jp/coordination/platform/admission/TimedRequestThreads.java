package jp.coordination.platform.admission;

import org.apache.coyote.ProtocolHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;

/**
 * Gives Tomcat's connector a {@link TimedRequestExecutor} sized by the usual {@code
 * server.tomcat.threads.*} settings, so that {@link AdmissionLimit} knows how long each request
 * waited for a thread. A pool handed to Tomcat is not stopped by Tomcat: this bean stops it when
 * the application context closes, after the web server has stopped taking requests.
 */
public final class TimedRequestThreads
    implements TomcatProtocolHandlerCustomizer<ProtocolHandler>, DisposableBean {

  private final TimedRequestExecutor executor;

  public TimedRequestThreads(String namePrefix, ServerProperties.Tomcat.Threads threads) {
    this.executor =
        new TimedRequestExecutor(
            namePrefix, threads.getMinSpare(), threads.getMax(), threads.getMaxQueueCapacity());
  }

  @Override
  public void customize(ProtocolHandler protocolHandler) {
    protocolHandler.setExecutor(executor);
  }

  @Override
  public void destroy() {
    executor.shutdown();
  }
}
