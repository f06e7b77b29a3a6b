package jp.coordination.query.rebuild;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.query.consumer.ConsumerProperties;
import jp.coordination.query.consumer.EventHandler;
import jp.coordination.query.consumer.Generations;
import jp.coordination.query.consumer.ParkingProperties;
import jp.coordination.query.consumer.ParkingStore;
import jp.coordination.query.consumer.PositionStore;
import jp.coordination.query.consumer.ProjectionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires rebuilds onto the live path's own beans: the event handler with every projection, the
 * projection, parking and position stores (which follow the thread's generation), the codec.
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

  /** One thread: one rebuild at a time anyway; nothing queues. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService rebuildExecutor() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "rebuild");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean(destroyMethod = "close")
  RebuildJobs rebuildJobs(
      MongoDatabase queryDatabase,
      Generations generations,
      EventHandler handler,
      ProjectionStore store,
      ParkingStore parkingStore,
      PositionStore positions,
      EventCodec codec,
      ParkingProperties parking,
      ConsumerProperties kafka,
      RebuildProperties properties,
      ExecutorService rebuildExecutor,
      MeterRegistry registry,
      Clock clock) {
    Rebuild rebuild =
        new Rebuild(
            generations,
            handler,
            store,
            parkingStore,
            positions,
            codec,
            parking,
            kafka,
            properties,
            clock);
    return new RebuildJobs(
        queryDatabase,
        generations,
        rebuild,
        rebuildExecutor,
        properties,
        new RebuildMetrics(registry),
        clock,
        System::nanoTime);
  }
}
