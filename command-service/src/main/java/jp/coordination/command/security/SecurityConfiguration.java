package jp.coordination.command.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Role rules of the command API. Ward scope needs the addressed aggregate's ward, so it is checked
 * by the command dispatch, after these role rules and before any lookup that could reveal whether
 * an aggregate exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  static final String COORDINATOR = "COORDINATOR";
  static final String FACILITY = "FACILITY";
  static final String CITY_AUDITOR = "CITY_AUDITOR";

  @Bean
  public SecurityFilterChain commandApiSecurity(HttpSecurity http, ProblemWriter problems)
      throws Exception {
    http
        // A stateless JSON API authenticated on every request: no session, so no CSRF exposure.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems.entryPoint()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(problems.entryPoint())
                    .accessDeniedHandler(problems.accessDeniedHandler()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // Before the POST rule below: taking a checkpoint is an auditor's POST.
                    .requestMatchers("/api/audit/**")
                    .hasRole(CITY_AUDITOR)
                    // Facilities answer for themselves: they decline intakes and declare beds.
                    .requestMatchers(
                        HttpMethod.POST, "/api/intakes/*/declines", "/api/facilities/*/availability")
                    .hasAnyRole(COORDINATOR, FACILITY)
                    .requestMatchers(HttpMethod.POST, "/api/**")
                    .hasRole(COORDINATOR)
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  /**
   * The demo users when {@code coordination.security.demo-users} is true; otherwise nobody, so that
   * Spring Boot does not invent a default user with a logged password. Production identity (OAuth2
   * resource server with JWT) replaces this bean.
   */
  @Bean
  public UserDetailsService users(
      @Value("${coordination.security.demo-users:false}") boolean demoUsers) {
    InMemoryUserDetailsManager manager =
        demoUsers ? new InMemoryUserDetailsManager(DemoUsers.all()) : new InMemoryUserDetailsManager();
    // Only the lookup is exposed: a bean that is also a UserDetailsPasswordService makes Spring
    // upgrade the {noop} passwords to bcrypt on first login, and every later request then paid a
    // bcrypt check (the profile of the benchmark suite: 91 % of the command-service's CPU).
    return manager::loadUserByUsername;
  }
}
