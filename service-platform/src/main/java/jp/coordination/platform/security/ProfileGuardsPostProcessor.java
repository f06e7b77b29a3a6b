package jp.coordination.platform.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link ProfileGuards#check} once the configuration is read and before any bean exists, so a
 * service started without a usable profile stops with one message naming everything it misses
 * instead of the first bean's failure. Registered in {@code META-INF/spring.factories}.
 */
public final class ProfileGuardsPostProcessor implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    ProfileGuards.check(environment);
  }

  /** After the configuration files (and their profile-specific parts) have been read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
