package jp.coordination.platform.security;

import java.time.Clock;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.correlation.UserLogContextFilter;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Builds the security chain of a service: everything both services share, around the endpoint rules
 * that are each service's own. Shared: stateless (no session, no cookie); cross-site
 * state-changing requests refused ({@link CrossSiteRequestGuard}) instead of CSRF tokens, which
 * need a session; security headers; the body limit; the admission limit when the service has one
 * ({@link Chain#admission}); 401/403 as problem+json; health (application
 * port) and metrics (the management port) open to the platform's probes;
 * everything not named authenticated; the signed-in user in the logging context ({@link
 * UserLogContextFilter}); HTTP Basic with the demo users and the login throttle only
 * with the {@code local} profile, JWTs of the identity provider otherwise ({@link ProfileGuards}).
 *
 * <pre>{@code
 * return security.chain(http)
 *     .endpoints(rules -> rules.requestMatchers("/api/**").hasRole(Role.COORDINATOR.name()))
 *     .build();
 * }</pre>
 */
public final class ServiceSecurity {
  /** The API's policy: nothing to load, nothing may frame it. */
  public static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /** The type of the endpoint rules a service passes to {@link Chain#endpoints}. */
  public interface EndpointRules
      extends Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> {}

  private final ProblemWriter problems;
  private final IdentityProperties identity;
  private final Clock clock;
  private final boolean local;

  /**
   * @throws IllegalStateException when the profile and the identity settings do not fit ({@link
   *     ProfileGuards#checkIdentity})
   */
  public ServiceSecurity(ProblemWriter problems, IdentityProperties identity, Environment environment, Clock clock) {
    this.problems = problems;
    this.identity = identity;
    this.clock = clock;
    this.local = ProfileGuards.checkIdentity(environment);
  }

  /** Whether callers sign in with HTTP Basic (the local profile); otherwise with the identity provider's JWTs. */
  public boolean local() {
    return local;
  }

  /** Starts the chain of one service. */
  public Chain chain(HttpSecurity http) {
    return new Chain(http);
  }

  /** One service's chain under construction. */
  public final class Chain {
    private final HttpSecurity http;
    private String contentSecurityPolicy = API_CONTENT_SECURITY_POLICY;
    private EndpointRules endpoints = rules -> {};
    private AdmissionLimit admission;

    private Chain(HttpSecurity http) {
      this.http = http;
    }

    /** A looser policy for a service that serves a page of its own. */
    public Chain contentSecurityPolicy(String policy) {
      this.contentSecurityPolicy = policy;
      return this;
    }

    /**
     * The service's own rules: which role may call which path. They come after the open health and
     * metrics paths and before "everything else: authenticated".
     */
    public Chain endpoints(EndpointRules rules) {
      this.endpoints = rules;
      return this;
    }

    /**
     * Limits how many requests run at once. It runs after the security headers are arranged, so a
     * refusal carries them, and before credentials are checked, so a refused request costs no
     * password or token check.
     */
    public Chain admission(AdmissionLimit limit) {
      this.admission = limit;
      return this;
    }

    public SecurityFilterChain build() throws Exception {
      http.csrf(AbstractHttpConfigurer::disable)
          .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .headers(
              headers ->
                  headers
                      .frameOptions(frame -> frame.deny())
                      .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                      .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                      // Sent on HTTPS requests (behind the TLS proxy: X-Forwarded-Proto, see application-production.yml).
                      .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
          .addFilterAfter(new RequestSizeLimit(identity.maxBodyBytes(), problems), HeaderWriterFilter.class)
          // Where Spring's CSRF filter would sit: before any credentials are looked at.
          .addFilterBefore(new CrossSiteRequestGuard(problems), CsrfFilter.class)
          // After every way of signing in, before refusals are answered: their log lines name the user too.
          .addFilterBefore(new UserLogContextFilter(), ExceptionTranslationFilter.class)
          .exceptionHandling(
              e -> e.authenticationEntryPoint(problems.entryPoint(!local))
                  .accessDeniedHandler(problems.accessDeniedHandler()))
          .authorizeHttpRequests(
              requests -> {
                // Health answers on the application port too (HealthOnApplicationPort); metrics only
                // on the management port (management.server.port), which is not published.
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll();
                endpoints.customize(requests);
                requests.anyRequest().authenticated();
              });
      if (admission != null) {
        // Behind the body limit: both sit right after the header writer, in the order added.
        http.addFilterAfter(admission, HeaderWriterFilter.class);
      }
      if (!local) {
        http.oauth2ResourceServer(
            oauth ->
                oauth
                    .authenticationEntryPoint(problems.entryPoint(true))
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(source -> JwtAuthorities.authenticationOf(source, identity))));
      } else {
        LoginThrottle throttle =
            new LoginThrottle(identity.loginFailuresAllowed(), identity.loginFailureWindow(), clock, problems);
        http.httpBasic(basic -> basic.authenticationEntryPoint(problems.entryPoint(false)))
            .addFilterBefore(throttle, BasicAuthenticationFilter.class)
            .addFilterAfter(throttle.releaseOnSignIn(), BasicAuthenticationFilter.class);
      }
      return http.build();
    }
  }
}
