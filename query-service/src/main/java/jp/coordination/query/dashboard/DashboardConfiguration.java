package jp.coordination.query.dashboard;

import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.ProjectionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the dashboard projection onto the shared projection store. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

  @Bean
  DashboardProjection dashboardProjection(ProjectionStore store, BusinessCalendar calendar) {
    return new DashboardProjection(store, calendar);
  }
}
