package jp.coordination.query.evaluation;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.ConsumerProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires evaluation jobs: a small bounded executor (a replay holds a year's facts in memory and
 * keeps a core busy, so only {@code coordination.evaluation.threads} run at once and at most {@code
 * queue-capacity} wait), reading the topic the live consumer reads.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService evaluationExecutor(
      @Value("${coordination.evaluation.threads:1}") int threads,
      @Value("${coordination.evaluation.queue-capacity:4}") int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(r, "evaluation-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The log a replay reads: the topic the live consumer reads, with its client settings. */
  @Bean
  Supplier<EventSource> replaySources(ConsumerProperties kafka, EventCodec codec) {
    Map<String, Object> overrides = new HashMap<>(kafka.properties());
    return () -> new KafkaEventSource(kafka.bootstrapServers(), kafka.topic(), codec, overrides);
  }

  @Bean(destroyMethod = "close")
  EvaluationJobs evaluationJobs(
      MongoDatabase queryDatabase,
      ExecutorService evaluationExecutor,
      Supplier<EventSource> replaySources,
      Region region,
      BusinessCalendar calendar,
      Clock clock,
      @Value("${coordination.evaluation.heartbeat:5s}") java.time.Duration heartbeat,
      @Value("${coordination.evaluation.heartbeat-timeout:30s}")
          java.time.Duration heartbeatTimeout,
      MeterRegistry meters) {
    return new EvaluationJobs(
            queryDatabase,
            evaluationExecutor,
            replaySources,
            region,
            calendar,
            clock,
            heartbeat,
            heartbeatTimeout,
            System::nanoTime)
        .monitoredBy(meters);
  }
}
