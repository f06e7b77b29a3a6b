package jp.coordination.command.region;

import jp.coordination.events.region.Region;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the region once at start-up, so a wrong region file stops the service early. */
@Configuration(proxyBeanMethods = false)
public class RegionConfiguration {

  /** The region of {@code coordination.region} (a file or classpath resource); blank is Sendai. */
  @Bean
  public Region region(@Value("${coordination.region:}") String location) {
    return Region.load(location);
  }
}
