package jp.coordination.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.ProjectionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the dashboard projection onto the shared projection store, and its live stream. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

  @Bean(destroyMethod = "close")
  DashboardStreams dashboardStreams(
      ProjectionStore store,
      BusinessCalendar calendar,
      Clock clock,
      ObjectMapper mapper,
      DashboardStreamProperties properties,
      MeterRegistry meters) {
    return new DashboardStreams(store, calendar, clock, mapper, properties).monitoredBy(meters);
  }

  @Bean
  DashboardProjection dashboardProjection(
      ProjectionStore store, BusinessCalendar calendar, DashboardStreams streams) {
    return new DashboardProjection(store, calendar, streams);
  }
}
