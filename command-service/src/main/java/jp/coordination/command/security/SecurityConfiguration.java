package jp.coordination.command.security;

import static jp.coordination.platform.security.Role.CITY_AUDITOR;
import static jp.coordination.platform.security.Role.COORDINATOR;
import static jp.coordination.platform.security.Role.FACILITY;

import jp.coordination.platform.ServicePlatformConfiguration;
import jp.coordination.platform.security.Role;
import jp.coordination.platform.security.ServiceSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Role rules of the command API; the rest of the chain (identity, headers, limits, refusals) is the
 * platform's. Ward scope needs the addressed aggregate's ward, so it is checked by the command
 * dispatch, after these role rules and before any lookup that could reveal whether an aggregate
 * exists.
 */
@Configuration(proxyBeanMethods = false)
@Import(ServicePlatformConfiguration.class)
public class SecurityConfiguration {

  @Bean
  public SecurityFilterChain commandApiSecurity(HttpSecurity http, ServiceSecurity security)
      throws Exception {
    return security
        .chain(http)
        .endpoints(
            requests ->
                requests
                    // Before the POST rule below: taking a checkpoint is an auditor's POST.
                    .requestMatchers("/api/audit/**")
                    .hasRole(CITY_AUDITOR.name())
                    // Facilities answer for themselves: they decline intakes and declare beds.
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/intakes/*/declines",
                        "/api/facilities/*/availability")
                    .hasAnyRole(Role.names(COORDINATOR, FACILITY))
                    .requestMatchers(HttpMethod.POST, "/api/**")
                    .hasRole(COORDINATOR.name())
                    // The annual plan is set by PUT; only a coordinator without ward scope passes
                    // the dispatch's scope check, since a plan belongs to the whole region.
                    .requestMatchers(HttpMethod.PUT, "/api/plans/*")
                    .hasRole(COORDINATOR.name()))
        .build();
  }
}
