package jp.coordination.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import jp.coordination.platform.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The service writes JSON lines unless told otherwise, which carry the logging context the
 * platform's filters fill (correlation id, user) as fields; the human-readable lines carry the
 * correlation id.
 */
class LogPatternTest {

  private static PropertySource<?> application() throws Exception {
    return new YamlPropertySourceLoader()
        .load("application", new ClassPathResource("application.yml"))
        .get(0);
  }

  @Test
  void the_console_writes_elastic_common_schema_json_by_default() throws Exception {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(application());
    // Resolved without the environment, as where LOG_FORMAT is not set.
    assertThat(
            new PropertySourcesPropertyResolver(sources)
                .getProperty("logging.structured.format.console"))
        .isEqualTo("ecs");
  }

  @Test
  void the_human_readable_pattern_prints_the_correlation_id() throws Exception {
    assertThat(String.valueOf(application().getProperty("logging.pattern.correlation")))
        .contains("%X{" + CorrelationIdFilter.MDC_KEY);
  }
}
