package jp.coordination.query.facilities;

import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.views.IntakeCandidates;
import jp.coordination.query.views.ViewQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the facility index and the candidates of open intakes. */
@Configuration(proxyBeanMethods = false)
class FacilityConfiguration {

  @Bean
  FacilityIndexProjection facilityIndexProjection(ProjectionStore store) {
    return new FacilityIndexProjection(store);
  }

  @Bean
  IntakeCandidates intakeCandidates(FacilityIndexProjection index, ViewQueries views) {
    return new VisibleCandidates(index, views);
  }
}
