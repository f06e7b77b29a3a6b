package jp.coordination.command.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Role rules of the command API. Ward scope needs the addressed aggregate's ward, so it is checked
 * by the command dispatch, after these role rules and before any lookup that could reveal whether
 * an aggregate exists.
 *
 * <p>Identity: the HTTP Basic demo users in the local run; in the {@code production} profile an
 * OAuth2 resource server validating the identity provider's JWTs, role and wards from configurable
 * claims. The service refuses to start with demo users in production.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(IdentityProperties.class)
public class SecurityConfiguration {

  static final String COORDINATOR = "COORDINATOR";
  static final String FACILITY = "FACILITY";
  static final String CITY_AUDITOR = "CITY_AUDITOR";

  /** The profile of a production deployment. */
  public static final String PRODUCTION = "production";

  @Bean
  public SecurityFilterChain commandApiSecurity(
      HttpSecurity http,
      ProblemWriter problems,
      IdentityProperties identity,
      Environment environment,
      ObjectProvider<Clock> clock)
      throws Exception {
    boolean production = refuseDemoUsersInProduction(environment, identity);
    http
        // A stateless JSON API authenticated on every request: no session, so no CSRF exposure.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(
            headers ->
                headers
                    .frameOptions(frame -> frame.deny())
                    .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                    .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    // Sent on HTTPS requests (behind the TLS proxy: X-Forwarded-Proto, see application-production.yml).
                    .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
        .addFilterAfter(new RequestSizeLimit(identity.maxBodyBytes(), problems), HeaderWriterFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(problems.entryPoint(production))
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
    if (production) {
      http.oauth2ResourceServer(
          oauth ->
              oauth
                  .authenticationEntryPoint(problems.entryPoint(true))
                  .jwt(jwt -> jwt.jwtAuthenticationConverter(source -> authenticationOf(source, identity))));
    } else {
      http.httpBasic(basic -> basic.authenticationEntryPoint(problems.entryPoint(false)))
          .addFilterBefore(
              new LoginThrottle(
                  identity.loginFailuresAllowed(),
                  identity.loginFailureWindow(),
                  clock.getIfAvailable(Clock::systemUTC),
                  problems),
              BasicAuthenticationFilter.class);
    }
    return http.build();
  }

  /**
   * Fails start-up when the demo users (published passwords) are enabled in production.
   *
   * @return whether the production profile is active
   */
  static boolean refuseDemoUsersInProduction(Environment environment, IdentityProperties identity) {
    boolean production = Arrays.asList(environment.getActiveProfiles()).contains(PRODUCTION);
    if (production && identity.demoUsers()) {
      throw new IllegalStateException(
          "Refusing to start: the demo users (DEMO_USERS_ENABLED) must not be enabled with the production profile.");
    }
    return production;
  }

  /** A JWT of the identity provider as an authentication: one role, optional ward scope. */
  static JwtAuthenticationToken authenticationOf(Jwt jwt, IdentityProperties identity) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : values(jwt.getClaims().get(identity.roleClaim()))) {
      authorities.add(new SimpleGrantedAuthority(Actor.ROLE_PREFIX + role));
    }
    for (String ward : values(jwt.getClaims().get(identity.wardClaim()))) {
      authorities.add(new SimpleGrantedAuthority(Actor.WARD_PREFIX + ward));
    }
    String name = jwt.getClaimAsString("preferred_username");
    return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
  }

  private static List<String> values(Object claim) {
    if (claim instanceof String s) {
      return s.isBlank() ? List.of() : List.of(s.trim());
    }
    if (claim instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
    return List.of();
  }

  /**
   * The demo users when {@code coordination.security.demo-users} is true; otherwise nobody, so that
   * Spring Boot does not invent a default user with a logged password.
   */
  @Bean
  public UserDetailsService users(IdentityProperties identity) {
    InMemoryUserDetailsManager manager =
        identity.demoUsers()
            ? new InMemoryUserDetailsManager(DemoUsers.all())
            : new InMemoryUserDetailsManager();
    // Only the lookup is exposed: a bean that is also a UserDetailsPasswordService makes Spring
    // upgrade the {noop} passwords to bcrypt on first login, and every later request then paid a
    // bcrypt check (the profile of the benchmark suite: 91 % of the command-service's CPU).
    return manager::loadUserByUsername;
  }
}
