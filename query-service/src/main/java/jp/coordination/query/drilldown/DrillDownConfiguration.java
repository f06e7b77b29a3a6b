package jp.coordination.query.drilldown;

import java.util.Base64;
import java.util.function.Supplier;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.evaluation.EventSource;
import jp.coordination.query.personaldata.PersonalDataProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the drill-down to the log the evaluations read and to pseudonyms keyed by the master key.
 */
@Configuration(proxyBeanMethods = false)
class DrillDownConfiguration {

  @Bean
  DrillDown drillDown(
      Supplier<EventSource> replaySources,
      Region region,
      BusinessCalendar calendar,
      PersonalDataProperties personalData) {
    return new DrillDown(
        replaySources,
        region,
        calendar,
        new Pseudonyms(Base64.getDecoder().decode(personalData.masterKey())));
  }
}
