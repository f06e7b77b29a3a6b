package jp.coordination.platform.security;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.correlation.UserLogContextFilter;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
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
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Builds the security chain of a service: everything both services share, around the endpoint rules
 * that are each service's own. Shared: stateless (no session, no cookie); cross-site state-changing
 * requests refused ({@link CrossSiteRequestGuard}) instead of CSRF tokens, which need a session;
 * security headers; the body limit; the admission limit when the service has one ({@link
 * Chain#admission}); 401/403 as problem+json; health (application port) and metrics (the management
 * port) open to the platform's probes; everything not named authenticated; the signed-in user in
 * the logging context ({@link UserLogContextFilter}); HTTP Basic with the demo users and the login
 * throttle only with the {@code local} profile, JWTs of the identity provider otherwise ({@link
 * ProfileGuards}).
 *
 * <pre>{@code
 * return security.chain(http)
 *     .endpoints(rules -> rules.requestMatchers("/api/**").hasRole(Role.COORDINATOR.name()))
 *     .build();
 * }</pre>
 */
public final class ServiceSecurity {
  /** The API's policy: nothing to load, nothing may frame it. */
  public static final String API_CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'";

  /**
   * Swagger UI's policy (local run only): its own scripts and styles from this origin, its logo as
   * a data: image, and the description fetched from this origin. The API and the product's pages
   * keep theirs.
   */
  public static final String SWAGGER_UI_CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Swagger UI's page and assets (springdoc serves them from the WebJar). */
  private static final String[] SWAGGER_UI = {"/swagger-ui.html", "/swagger-ui/**"};

  /** The OpenAPI description (springdoc's default paths). */
  private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml"};

  /** The type of the endpoint rules a service passes to {@link Chain#endpoints}. */
  public interface EndpointRules
      extends Customizer<
          AuthorizeHttpRequestsConfigurer<HttpSecurity>
              .AuthorizationManagerRequestMatcherRegistry> {}

  private final ProblemWriter problems;
  private final IdentityProperties identity;
  private final Clock clock;
  private final boolean local;
  private final List<OpenOperation> openToEverySignedInUser = new CopyOnWriteArrayList<>();

  /**
   * Paths every signed-in user may call, whatever the role; the description lists no 403 for them.
   */
  private record OpenOperation(HttpMethod method, PathPattern pattern) {}

  /**
   * @throws IllegalStateException when the profile and the identity settings do not fit ({@link
   *     ProfileGuards#checkIdentity})
   */
  public ServiceSecurity(
      ProblemWriter problems, IdentityProperties identity, Environment environment, Clock clock) {
    this.problems = problems;
    this.identity = identity;
    this.clock = clock;
    this.local = ProfileGuards.checkIdentity(environment);
  }

  /**
   * Whether callers sign in with HTTP Basic (the local profile); otherwise with the identity
   * provider's JWTs.
   */
  public boolean local() {
    return local;
  }

  /**
   * Whether every signed-in user may call this operation (declared with {@link
   * Chain#openToEverySignedInUser}), so that it is never refused with 403 for a role.
   *
   * @param path a path of the API as the OpenAPI description writes it ({@code /api/wards})
   */
  public boolean openToEverySignedInUser(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return openToEverySignedInUser.stream()
        .anyMatch(open -> open.method().equals(method) && open.pattern().matches(container));
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
    private EndpointRules everySignedInUser = rules -> {};
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
     * Paths every signed-in user may call, whatever the role (reference data). They come before the
     * service's own {@link #endpoints} rules.
     */
    public Chain openToEverySignedInUser(HttpMethod method, String... patterns) {
      for (String pattern : patterns) {
        openToEverySignedInUser.add(
            new OpenOperation(method, PathPatternParser.defaultInstance.parse(pattern)));
      }
      EndpointRules before = everySignedInUser;
      everySignedInUser =
          rules -> {
            before.customize(rules);
            rules.requestMatchers(method, patterns).authenticated();
          };
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
      RequestMatcher swaggerUi =
          new OrRequestMatcher(
              Arrays.stream(SWAGGER_UI)
                  .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p))
                  .toList());
      http.csrf(AbstractHttpConfigurer::disable)
          .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .headers(
              headers ->
                  headers
                      .frameOptions(frame -> frame.deny())
                      // Swagger UI's policy on its paths only, the service's on everything else.
                      .addHeaderWriter(
                          new DelegatingRequestMatcherHeaderWriter(
                              swaggerUi,
                              new ContentSecurityPolicyHeaderWriter(
                                  SWAGGER_UI_CONTENT_SECURITY_POLICY)))
                      .addHeaderWriter(
                          new DelegatingRequestMatcherHeaderWriter(
                              new NegatedRequestMatcher(swaggerUi),
                              new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy)))
                      .referrerPolicy(
                          r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                      // Sent on HTTPS requests (behind the TLS proxy: X-Forwarded-Proto, see
                      // application-production.yml).
                      .httpStrictTransportSecurity(
                          hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
          .addFilterAfter(
              new RequestSizeLimit(identity.maxBodyBytes(), problems), HeaderWriterFilter.class)
          // Where Spring's CSRF filter would sit: before any credentials are looked at.
          .addFilterBefore(new CrossSiteRequestGuard(problems), CsrfFilter.class)
          // After every way of signing in, before refusals are answered: their log lines name the
          // user too.
          .addFilterBefore(new UserLogContextFilter(), ExceptionTranslationFilter.class)
          .exceptionHandling(
              e ->
                  e.authenticationEntryPoint(problems.entryPoint(!local))
                      .accessDeniedHandler(problems.accessDeniedHandler()))
          .authorizeHttpRequests(
              requests -> {
                // Health answers on the application port too (HealthOnApplicationPort); metrics
                // only
                // on the management port (management.server.port), which is not published.
                requests
                    .requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // The description holds the contract, no data (docs/SECURITY.md); the UI is
                    // served at all only in the local run (springdoc.swagger-ui.enabled).
                    .requestMatchers(HttpMethod.GET, API_DOCS)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, SWAGGER_UI)
                    .permitAll();
                everySignedInUser.customize(requests);
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
                    .jwt(
                        jwt ->
                            jwt.jwtAuthenticationConverter(
                                source -> JwtAuthorities.authenticationOf(source, identity))));
      } else {
        LoginThrottle throttle =
            new LoginThrottle(
                identity.loginFailuresAllowed(), identity.loginFailureWindow(), clock, problems);
        http.httpBasic(basic -> basic.authenticationEntryPoint(problems.entryPoint(false)))
            .addFilterBefore(throttle, BasicAuthenticationFilter.class)
            .addFilterAfter(throttle.releaseOnSignIn(), BasicAuthenticationFilter.class);
      }
      return http.build();
    }
  }
}
