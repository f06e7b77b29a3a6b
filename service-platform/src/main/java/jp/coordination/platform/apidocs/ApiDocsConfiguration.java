package jp.coordination.platform.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jp.coordination.platform.security.ServiceSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The parts of {@code GET /v3/api-docs} both services share. The description says how callers of
 * this very instance sign in: HTTP Basic with the demo users under the {@code local} profile, the
 * identity provider's JWTs otherwise, as {@link ServiceSecurity} decides.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDocsConfiguration {
  /** The name of the one security scheme of the description. */
  public static final String SIGN_IN = "signIn";

  @Bean
  public OpenAPI apiDescription(
      Environment environment, ServiceSecurity security, ObjectProvider<BuildProperties> build) {
    String name = environment.getProperty("spring.application.name", "service");
    String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("unknown");
    SecurityScheme signIn =
        security.local()
            ? new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description(
                    "Local run: the demo users of the README, password equal to the user name.")
            : new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(
                    "A token of the city's identity provider with sub, role and wards (docs/SECURITY.md).");
    return new OpenAPI()
        .info(
            new Info()
                .title(name)
                .version(version)
                .description(
                    "The HTTP contract is API.md with docs/API-ADDITIONS.md; every error is application/problem+json"
                        + " (RFC 9457)."))
        .components(new Components().addSecuritySchemes(SIGN_IN, signIn))
        .addSecurityItem(new SecurityRequirement().addList(SIGN_IN));
  }

  @Bean
  public ProblemResponses problemResponses(ServiceSecurity security) {
    return new ProblemResponses(security);
  }
}
