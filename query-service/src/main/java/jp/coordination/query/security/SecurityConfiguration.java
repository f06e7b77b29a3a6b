package jp.coordination.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.query.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Stateless HTTP Basic over a read-only API: no sessions, no CSRF (there is nothing to forge on
 * GETs). Health and metrics stay open for the platform's probes and scraper.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper) throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) -> {
          response.setHeader("WWW-Authenticate", "Basic realm=\"coordination\"");
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
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
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
                    // Region-wide figures: the councils, the city and analysts; aggregates only.
                    .requestMatchers(HttpMethod.GET, "/api/statistics/**")
                    .hasAnyRole(
                        Roles.REGIONAL_COUNCIL, Roles.CITY_AUDITOR, Roles.ANALYST, Roles.COORDINATOR)
                    // Rebuilding a year from the log is the analysts' (and the auditors') tool.
                    .requestMatchers("/api/evaluations", "/api/evaluations/**")
                    .hasAnyRole(Roles.ANALYST, Roles.CITY_AUDITOR, Roles.REGIONAL_COUNCIL)
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  /**
   * The demo users of API.md (password = user name) when {@code coordination.security.demo-users}
   * is true; otherwise no user at all, so that a forgotten flag never opens the service and Boot
   * does not invent a default user.
   */
  @Bean
  UserDetailsService users(
      @Value("${coordination.security.demo-users:false}") boolean demoUsers) {
    List<UserDetails> users = new ArrayList<>();
    if (demoUsers) {
      users.add(user("coordinator", Roles.COORDINATOR, null));
      users.add(user("aoba-coordinator", Roles.COORDINATOR, "AOBA"));
      users.add(user("facility", Roles.FACILITY, null));
      users.add(user("aoba-council", Roles.WARD_COUNCIL, "AOBA"));
      users.add(user("city-council", Roles.REGIONAL_COUNCIL, null));
      users.add(user("auditor", Roles.CITY_AUDITOR, null));
      users.add(user("analyst", Roles.ANALYST, null));
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
