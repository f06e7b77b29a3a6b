package jp.coordination.query.statistics;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.PositionStore;
import jp.coordination.query.consumer.ProjectionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Wires the live statistics projection (a dependent of the view projector) onto the shared store,
 * and the councils' small-number suppression with its configured threshold.
 */
@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  @Bean
  StatisticsProjection statisticsProjection(
      ProjectionStore store, BusinessCalendar calendar, Region region) {
    return new StatisticsProjection(store, calendar, region);
  }

  @Bean
  CurrentStatistics currentStatistics(
      StatisticsProjection projection, PositionStore positions, StatisticsProperties properties) {
    return new CurrentStatistics(
        projection::statistics,
        positions::absorbed,
        properties.cacheMaxAge(),
        System::nanoTime,
        statisticsRefresher());
  }

  /**
   * One thread recomputes results past their age: a computation reads every fact of the year and
   * those before, so two at once would only compete for the store with the live projection. Not a
   * bean: an {@code Executor} bean would take the place of Spring Boot's own task executor. Its
   * daemon thread ends when idle, so nothing needs to shut it down.
   */
  private static Executor statisticsRefresher() {
    CustomizableThreadFactory threads = new CustomizableThreadFactory("statistics-refresh-");
    threads.setDaemon(true);
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), threads);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @Bean
  SmallNumberSuppression smallNumberSuppression(StatisticsProperties properties) {
    return new SmallNumberSuppression(properties.suppressionThreshold());
  }
}
