package jp.coordination.query.security;

import static jp.coordination.platform.security.Role.ANALYST;
import static jp.coordination.platform.security.Role.CITY_AUDITOR;
import static jp.coordination.platform.security.Role.COORDINATOR;
import static jp.coordination.platform.security.Role.OPERATOR;
import static jp.coordination.platform.security.Role.REGIONAL_COUNCIL;
import static jp.coordination.platform.security.Role.WARD_COUNCIL;
import static jp.coordination.platform.security.Role.names;

import jakarta.servlet.DispatcherType;
import jp.coordination.platform.ServicePlatformConfiguration;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.security.ServiceSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who sees what on the read side (docs/SECURITY.md, "Roles and scopes"); the rest of the chain
 * (identity, headers, limits, refusals) is the platform's. Coordinators see the details of
 * households, intakes, cases, experience stays and community issues (ward-scoped ones only their
 * wards'); councils, auditors and coordinators the ward dashboards (a ward council only its own
 * ward); region-wide figures for councils, the city, analysts and coordinators; facilities nothing
 * here (they only decline and declare beds); operators only the parked events and projection
 * rebuilds ({@code /api/operations/**}; rebuilds are the operators' alone). Ward scope is checked
 * by the controllers ({@code WardAccess}). Reads beyond the admission limit are refused before
 * credentials are checked ({@code admission/}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ServicePlatformConfiguration.class)
class SecurityConfiguration {

  /**
   * The dashboard page loads its own script, styles and Chart.js from this origin and talks only to
   * it.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";

  @Bean
  SecurityFilterChain api(
      HttpSecurity http, ServiceSecurity security, ObjectProvider<AdmissionLimit> readAdmission)
      throws Exception {
    ServiceSecurity.Chain chain = security.chain(http);
    readAdmission.ifAvailable(chain::admission);
    return chain
        .contentSecurityPolicy(CONTENT_SECURITY_POLICY)
        // The region's wards (names only) are reference data for every role.
        .openToEverySignedInUser(HttpMethod.GET, "/api/wards")
        .endpoints(
            auth ->
                // The live stream's later writes come back through an ASYNC dispatch of a request
                // that was authorised when it arrived; with stateless Basic there is no session to
                // authorise it again from.
                auth.dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    // The page's code, styles and libraries hold no data; the page itself
                    // ("/", index.html) and every /api call require sign-in.
                    .requestMatchers(HttpMethod.GET, "/app/**", "/webjars/**", "/favicon.ico")
                    .permitAll()
                    .requestMatchers("/actuator/info")
                    .permitAll()
                    // Details of people and cases are for coordinators; ward councils see
                    // aggregates only.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/households/**",
                        "/api/intakes/**",
                        "/api/cosupports/**")
                    .hasRole(COORDINATOR.name())
                    // So are experience stays and community issues, one by one and a ward's open
                    // ones.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/experience-stays",
                        "/api/experience-stays/**",
                        "/api/community-issues",
                        "/api/community-issues/**")
                    .hasRole(COORDINATOR.name())
                    // Finding a bed is the coordinators' job; the answer names facilities, not
                    // people.
                    .requestMatchers(HttpMethod.GET, "/api/facilities/**")
                    .hasRole(COORDINATOR.name())
                    // Live ward aggregates (ward scope checked by the controller).
                    .requestMatchers(
                        HttpMethod.GET, "/api/wards/*/dashboard", "/api/wards/*/dashboard/**")
                    .hasAnyRole(names(COORDINATOR, WARD_COUNCIL, REGIONAL_COUNCIL, CITY_AUDITOR))
                    // The events behind a figure (pseudonymised, each read recorded): analysts and
                    // auditors, who see exact figures.
                    .requestMatchers(HttpMethod.GET, "/api/statistics/*/events")
                    .hasAnyRole(names(ANALYST, CITY_AUDITOR))
                    // Region-wide figures: the councils, the city and analysts; aggregates only.
                    .requestMatchers(HttpMethod.GET, "/api/statistics/**")
                    .hasAnyRole(names(REGIONAL_COUNCIL, CITY_AUDITOR, ANALYST, COORDINATOR))
                    // Rebuilding a year from the log is the analysts' (and the auditors') tool.
                    .requestMatchers("/api/evaluations", "/api/evaluations/**")
                    .hasAnyRole(names(ANALYST, CITY_AUDITOR, REGIONAL_COUNCIL))
                    // Rebuilding the read models is running the read side: operators only.
                    .requestMatchers("/api/operations/rebuilds", "/api/operations/rebuilds/**")
                    .hasRole(OPERATOR.name())
                    // Parked events: positions, types and reasons, never content. Operators run the
                    // read side; auditors watch that nothing is left out unnoticed.
                    .requestMatchers("/api/operations/**")
                    .hasAnyRole(names(OPERATOR, CITY_AUDITOR))
                    // Anything else under /api is no role's business here (facilities act on the
                    // command side).
                    .requestMatchers("/api/**")
                    .hasAnyRole(
                        names(COORDINATOR, WARD_COUNCIL, REGIONAL_COUNCIL, CITY_AUDITOR, ANALYST)))
        .build();
  }
}
