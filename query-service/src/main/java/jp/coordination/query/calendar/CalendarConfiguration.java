package jp.coordination.query.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the business calendar a bean, with holidays from {@code coordination.holidays}. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  @Bean
  BusinessCalendar businessCalendar(@Value("${coordination.holidays:}") String holidaysLocation) {
    return BusinessCalendar.tokyo(Holidays.load(holidaysLocation).dates());
  }
}
