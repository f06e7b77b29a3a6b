package jp.coordination.query.region;

import jp.coordination.events.region.Region;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The region from {@code coordination.region} (a file or classpath resource; blank: Sendai). */
@Configuration(proxyBeanMethods = false)
class RegionConfiguration {

  @Bean
  Region region(@Value("${coordination.region:}") String location) {
    return Region.load(location);
  }
}
