package jp.coordination.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import jp.coordination.query.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Stateless over a read-only API: no sessions, no CSRF (there is nothing to forge on GETs). Health
 * and metrics stay open for the platform's probes and scraper.
 *
 * <p>Who sees what (docs/SECURITY.md, "Roles and scopes"): coordinators the details of households,
 * intakes and cases (ward-scoped ones only their wards'); councils, auditors and coordinators the
 * ward dashboards (a ward council only its own ward); region-wide figures for councils, the city,
 * analysts and coordinators; facilities nothing here (they only decline and declare beds);
 * operators only the parked events ({@code /api/operations/**}).
 *
 * <p>Identity: HTTP Basic demo users in the local run; JWTs of the identity provider in the {@code
 * production} profile, which refuses to start with demo users.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";

  static final String PRODUCTION = "production";

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ObjectMapper mapper,
      IdentityProperties identity,
      Environment environment,
      ObjectProvider<Clock> clock)
      throws Exception {
    boolean production = refuseDemoUsersInProduction(environment, identity);
    String challenge = production ? "Bearer" : "Basic realm=\"coordination\"";
    AuthenticationEntryPoint unauthorized =
        (request, response, e) -> {
          response.setHeader("WWW-Authenticate", challenge);
          Problems.write(
              response, mapper, HttpStatus.UNAUTHORIZED, "unauthorized",
              "Credentials are missing or wrong.");
        };
    AccessDeniedHandler forbidden =
        (request, response, e) ->
            Problems.write(
                response, mapper, HttpStatus.FORBIDDEN, "forbidden",
                "Your role or ward does not allow this.");
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(
            headers ->
                headers
                    .frameOptions(frame -> frame.deny())
                    // The dashboard page loads its own script, styles and Chart.js from this origin
                    // and talks only to this origin; nothing inline, nothing from elsewhere.
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
        .addFilterAfter(new RequestSizeLimit(identity.maxBodyBytes(), mapper), HeaderWriterFilter.class)
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .authorizeHttpRequests(
            auth ->
                // The live stream's later writes come back through an ASYNC dispatch of a request
                // that was authorised when it arrived; with stateless Basic there is no session to
                // authorise it again from.
                auth.dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    // The page's code, styles and libraries hold no data; the page itself
                    // ("/", index.html) and every /api call require sign-in.
                    .requestMatchers(
                        HttpMethod.GET, "/app/**", "/webjars/**", "/favicon.ico")
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                        "/actuator/info")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // Details of people and cases are for coordinators; ward councils see aggregates only.
                    .requestMatchers(
                        HttpMethod.GET, "/api/households/**", "/api/intakes/**", "/api/cosupports/**")
                    .hasRole(Roles.COORDINATOR)
                    // Finding a bed is the coordinators' job; the answer names facilities, not people.
                    .requestMatchers(HttpMethod.GET, "/api/facilities/**")
                    .hasRole(Roles.COORDINATOR)
                    // Live ward aggregates (ward scope checked by the controller).
                    .requestMatchers(HttpMethod.GET, "/api/wards/*/dashboard", "/api/wards/*/dashboard/**")
                    .hasAnyRole(
                        Roles.COORDINATOR, Roles.WARD_COUNCIL, Roles.REGIONAL_COUNCIL, Roles.CITY_AUDITOR)
                    // Region-wide figures: the councils, the city and analysts; aggregates only.
                    .requestMatchers(HttpMethod.GET, "/api/statistics/**")
                    .hasAnyRole(
                        Roles.REGIONAL_COUNCIL, Roles.CITY_AUDITOR, Roles.ANALYST, Roles.COORDINATOR)
                    // Rebuilding a year from the log is the analysts' (and the auditors') tool.
                    .requestMatchers("/api/evaluations", "/api/evaluations/**")
                    .hasAnyRole(Roles.ANALYST, Roles.CITY_AUDITOR, Roles.REGIONAL_COUNCIL)
                    // Parked events: positions, types and reasons, never content. Operators run the
                    // read side; auditors watch that nothing is left out unnoticed.
                    .requestMatchers("/api/operations/**")
                    .hasAnyRole(Roles.OPERATOR, Roles.CITY_AUDITOR)
                    // The region's wards (names only) are reference data for every role.
                    .requestMatchers(HttpMethod.GET, "/api/wards")
                    .authenticated()
                    // Anything else under /api is no role's business here (facilities act on the command side).
                    .requestMatchers("/api/**")
                    .hasAnyRole(
                        Roles.COORDINATOR, Roles.WARD_COUNCIL, Roles.REGIONAL_COUNCIL, Roles.CITY_AUDITOR,
                        Roles.ANALYST)
                    .anyRequest()
                    .authenticated());
    if (production) {
      http.oauth2ResourceServer(
          oauth ->
              oauth
                  .authenticationEntryPoint(unauthorized)
                  .jwt(jwt -> jwt.jwtAuthenticationConverter(source -> authenticationOf(source, identity))));
    } else {
      http.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
          .addFilterBefore(
              new LoginThrottle(
                  identity.loginFailuresAllowed(),
                  identity.loginFailureWindow(),
                  clock.getIfAvailable(Clock::systemUTC),
                  mapper),
              BasicAuthenticationFilter.class);
    }
    return http.build();
  }

  /** Fails start-up when the demo users are enabled in production; answers whether it is production. */
  static boolean refuseDemoUsersInProduction(Environment environment, IdentityProperties identity) {
    boolean production = Arrays.asList(environment.getActiveProfiles()).contains(PRODUCTION);
    if (production && identity.demoUsers()) {
      throw new IllegalStateException(
          "Refusing to start: the demo users (DEMO_USERS_ENABLED) must not be enabled with the production profile.");
    }
    return production;
  }

  /** A JWT of the identity provider as an authentication: role and optional ward scope from claims. */
  static JwtAuthenticationToken authenticationOf(Jwt jwt, IdentityProperties identity) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : values(jwt.getClaims().get(identity.roleClaim()))) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
    }
    for (String ward : values(jwt.getClaims().get(identity.wardClaim()))) {
      authorities.add(new SimpleGrantedAuthority(WardAccess.WARD_PREFIX + ward));
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
   * The demo users of API.md (password = user name) when {@code coordination.security.demo-users}
   * is true; otherwise no user at all, so that a forgotten flag never opens the service and Boot
   * does not invent a default user.
   */
  @Bean
  UserDetailsService users(IdentityProperties identity) {
    List<UserDetails> users = new ArrayList<>();
    if (identity.demoUsers()) {
      users.add(user("coordinator", Roles.COORDINATOR, null));
      users.add(user("aoba-coordinator", Roles.COORDINATOR, "AOBA"));
      users.add(user("facility", Roles.FACILITY, null));
      users.add(user("aoba-council", Roles.WARD_COUNCIL, "AOBA"));
      users.add(user("city-council", Roles.REGIONAL_COUNCIL, null));
      users.add(user("auditor", Roles.CITY_AUDITOR, null));
      users.add(user("analyst", Roles.ANALYST, null));
      users.add(user("operator", Roles.OPERATOR, null));
    }
    InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
    // Only the lookup is exposed: a bean that is also a UserDetailsPasswordService makes Spring
    // upgrade the {noop} passwords to bcrypt on first login, and every later request would pay a
    // bcrypt check.
    return manager::loadUserByUsername;
  }

  private static UserDetails user(String name, String role, String ward) {
    List<String> authorities = new ArrayList<>(List.of("ROLE_" + role));
    if (ward != null) {
      authorities.add(WardAccess.WARD_PREFIX + ward);
    }
    return User.withUsername(name)
        .password("{noop}" + name)
        .authorities(authorities.toArray(String[]::new))
        .build();
  }
}
