package jp.coordination.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import jp.coordination.platform.apidocs.ApiDocsConfiguration;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.management.HealthOnApplicationPort;
import jp.coordination.platform.problem.ProblemHandler;
import jp.coordination.platform.problem.ProblemLanguage;
import jp.coordination.platform.problem.ProblemTranslator;
import jp.coordination.platform.problem.ProblemWriter;
import jp.coordination.platform.security.DemoUsers;
import jp.coordination.platform.security.IdentityProperties;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.platform.security.ServiceSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.health.HealthEndpointWebExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * What a service imports to get the platform: the security chain builder ({@link ServiceSecurity}),
 * the demo users, problem+json for every error, the correlation id filter and the shared parts of
 * the OpenAPI description ({@link ApiDocsConfiguration}). A service then declares only its own
 * {@code SecurityFilterChain} through the builder.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(IdentityProperties.class)
@Import(ApiDocsConfiguration.class)
public class ServicePlatformConfiguration {

  @Bean
  public ProblemWriter problemWriter(ObjectMapper objectMapper) {
    return new ProblemWriter(objectMapper);
  }

  /**
   * Accept-Language as problems read it (English or Japanese, English when absent), so that what
   * Spring translates itself (validation messages) follows the same choice.
   */
  @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  public LocaleResolver localeResolver() {
    return ProblemLanguage.localeResolver();
  }

  @Bean
  public ProblemHandler problemHandler(ObjectProvider<ProblemTranslator> translators) {
    return new ProblemHandler(translators);
  }

  /**
   * Health on the application port when the actuator has a port of its own (management.server.port,
   * {@code COMMAND_MANAGEMENT_PORT} / {@code QUERY_MANAGEMENT_PORT}): metrics are not public,
   * health stays where probes look for it.
   */
  @Bean
  @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
  public HealthOnApplicationPort healthOnApplicationPort(
      ObjectProvider<HealthEndpointWebExtension> health) {
    return new HealthOnApplicationPort(health);
  }

  @Bean
  public CorrelationIdFilter correlationIdFilter() {
    return new CorrelationIdFilter();
  }

  /** Fails start-up in production with demo users, before any chain is built. */
  @Bean
  public ServiceSecurity serviceSecurity(
      ProblemWriter problems,
      IdentityProperties identity,
      Environment environment,
      ObjectProvider<Clock> clock) {
    return new ServiceSecurity(
        problems, identity, environment, clock.getIfAvailable(Clock::systemUTC));
  }

  /**
   * The demo users when {@code coordination.security.demo-users} is true and the local profile is
   * active; otherwise nobody, so that a forgotten flag never opens a service and Spring Boot does
   * not invent a default user with a logged password.
   */
  @Bean
  public UserDetailsService users(IdentityProperties identity, Environment environment) {
    // ProfileGuards refuses demo users without the local profile at start-up; this never relies on
    // it.
    boolean demo = identity.demoUsers() && ProfileGuards.local(environment);
    InMemoryUserDetailsManager manager =
        demo ? new InMemoryUserDetailsManager(DemoUsers.all()) : new InMemoryUserDetailsManager();
    // Only the lookup is exposed: a bean that is also a UserDetailsPasswordService makes Spring
    // upgrade the {noop} passwords to bcrypt on first login, and every later request then paid a
    // bcrypt check (the profile of the benchmark suite: 91 % of the command-service's CPU).
    return manager::loadUserByUsername;
  }
}
