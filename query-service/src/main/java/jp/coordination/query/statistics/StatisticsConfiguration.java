package jp.coordination.query.statistics;

import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.PositionStore;
import jp.coordination.query.consumer.ProjectionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        projection::statistics, positions::absorbed, properties.cacheMaxAge(), System::nanoTime);
  }

  @Bean
  SmallNumberSuppression smallNumberSuppression(StatisticsProperties properties) {
    return new SmallNumberSuppression(properties.suppressionThreshold());
  }
}
