package jp.coordination.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.coordination.platform.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** Every log line of a request carries the correlation id the platform's filter puts into the logging context. */
class LogPatternTest {

  @Test
  void the_log_pattern_prints_the_correlation_id() throws Exception {
    PropertySource<?> application =
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml")).get(0);
    assertThat(String.valueOf(application.getProperty("logging.pattern.correlation")))
        .contains("%X{" + CorrelationIdFilter.MDC_KEY);
  }
}
